import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT_DIR } from '../../mock/openapi/paths.ts';
import type { RunningMock } from '../../mock/start-mock.ts';
import type { Call } from '../../profiles/call-center/models.ts';
import { dataCounts, startTestMock, TEST_NUMBER } from './support.ts';

/** Runs the CLI, sends `signal` once `when()` holds, and answers its exit code and output. */
function interruptedRun(
  args: string[],
  when: () => boolean,
  signal: NodeJS.Signals,
): Promise<{ code: number | null; output: string }> {
  return new Promise((done) => {
    // node itself, not the tsx wrapper: the signal must reach the runner, as Ctrl-C does.
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'profiles/call-center/runner/cli.ts', ...args],
      {
        cwd: ROOT_DIR,
      },
    );
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const poll = setInterval(() => {
      if (!when()) return;
      clearInterval(poll);
      child.kill(signal);
    }, 20);
    child.on('close', (code) => {
      clearInterval(poll);
      done({ code, output });
    });
  });
}

// Ctrl-C (or a CI job's SIGTERM) in the middle of a run: the run removes what it created, even with
// a call to the test number still live, and exits 130 (143) once it has.
describe('interrupting a run', () => {
  let mock: RunningMock;
  let before: Record<string, number>;
  beforeAll(async () => {
    mock = await startTestMock();
    before = await dataCounts(mock.baseUrl);
  });
  afterAll(() => mock?.close());

  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)(
    '%s while a call is live leaves nothing behind and exits %i',
    async (signal, exitCode) => {
      const known = new Set([...mock.ctx.store.collection<Call>('calls').all()].map((c) => c.id));
      const liveCallPlaced = () =>
        [...mock.ctx.store.collection<Call>('calls').all()].some(
          (c) => !known.has(c.id) && c.targetNumber === TEST_NUMBER,
        );
      const { code, output } = await interruptedRun(
        ['--base-url', mock.baseUrl, '--test-number', TEST_NUMBER, '--seed', '3', '--quiet'],
        liveCallPlaced,
        signal,
      );
      expect(output).toContain(`${signal}: stopping and removing what the run created`);
      expect(output).toMatch(/the run was interrupted/);
      expect(output).not.toMatch(/Left behind/);
      expect(code, output).toBe(exitCode);
      expect(await dataCounts(mock.baseUrl)).toEqual(before);
    },
    90_000,
  );

  // Last: it leaves data behind on purpose, which the cases above would count.
  it('a second SIGINT leaves at once and names what is left behind', async () => {
    const known = new Set([...mock.ctx.store.collection<Call>('calls').all()].map((c) => c.id));
    const placed = () =>
      [...mock.ctx.store.collection<Call>('calls').all()].some(
        (c) => !known.has(c.id) && c.targetNumber === TEST_NUMBER,
      );
    const { code, output } = await new Promise<{ code: number | null; output: string }>((done) => {
      const child = spawn(
        process.execPath,
        [
          '--import',
          'tsx',
          'profiles/call-center/runner/cli.ts',
          '--base-url',
          mock.baseUrl,
          '--test-number',
          TEST_NUMBER,
          '--seed',
          '3',
          '--quiet',
        ],
        { cwd: ROOT_DIR },
      );
      let text = '';
      child.stdout.on('data', (d) => (text += d));
      child.stderr.on('data', (d) => (text += d));
      const poll = setInterval(() => {
        if (!placed()) return;
        clearInterval(poll);
        child.kill('SIGINT');
        // The second once the first was heard: the run is then removing what it created.
        const again = setInterval(() => {
          if (!text.includes('SIGINT: stopping')) return;
          clearInterval(again);
          child.kill('SIGINT');
        }, 5);
      }, 20);
      child.on('close', (exit) => {
        clearInterval(poll);
        done({ code: exit, output: text });
      });
    });
    expect(code, output).toBe(130);
    expect(output).toMatch(
      /SIGINT again: leaving at once\. Left behind \(remove by hand\): .*call [0-9a-f-]{36} to \+998900000001/,
    );
  }, 90_000);
});

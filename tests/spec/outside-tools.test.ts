import { execFile, execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUNDLE_YAML_PATH, ROOT_DIR } from '../../mock/openapi/paths.ts';
import type { RunningMock } from '../../mock/start-mock.ts';
import { demoLogin } from '../../scripts/support/demo-login.ts';
import { startTestMock } from '../contracts/support.ts';
import { bin, run } from '../support/processes.ts';

/**
 * Spectral's OWASP rules, Portman (its Newman run) and Specmatic over the committed bundle, the last
 * two against the mock. Every finding left is accepted in docs/contract-bundle.md with its reason:
 * a finding not listed there fails, and so does a listed Spectral or Portman finding that is gone
 * (both are deterministic; Specmatic's generated requests are only checked one way).
 */
const DOC = resolve(ROOT_DIR, 'docs', 'contract-bundle.md');

/** The accepted findings of one tool: the backticked second cell of its rows in the doc's table. */
async function accepted(tool: string): Promise<Set<string>> {
  const text = await readFile(DOC, 'utf8');
  const rows = text.split('\n').filter((line) => line.startsWith(`| ${tool} |`));
  return new Set(rows.map((row) => /^\|[^|]+\|\s*`([^`]+)`/.exec(row)?.[1] ?? row));
}

const hasJava = (() => {
  try {
    execFileSync('java', ['-version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

/** Runs a command in a folder of its own choosing, answering its exit code and output. */
function runIn(
  cwd: string,
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<{ code: number; output: string }> {
  return new Promise((done) => {
    const options = { cwd, env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024 };
    execFile(command, args, options, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      done({ code, output: stdout + stderr });
    });
  });
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'outside-tools-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('outside tools read the bundle', () => {
  it('Spectral with the OWASP API Security ruleset: only accepted rules fire', async () => {
    const report = join(dir, 'spectral.json');
    const ruleset = resolve(ROOT_DIR, 'tests', 'spec', 'spectral-owasp.yaml');
    const args = ['lint', BUNDLE_YAML_PATH, '-r', ruleset, '-f', 'json', '-o', report, '--quiet'];
    await run(bin('spectral'), args);
    const findings = JSON.parse(await readFile(report, 'utf8')) as { code: string }[];
    const found = new Set(findings.map((f) => f.code));
    expect([...found].sort()).toEqual([...(await accepted('Spectral OWASP'))].sort());
  }, 120_000);

  describe('against the mock', () => {
    let mock: RunningMock;
    let token: string;
    beforeAll(async () => {
      mock = await startTestMock();
      token = await demoLogin(mock.baseUrl);
    });
    afterAll(() => mock.close());

    it('Portman: its generated contract tests pass but for the accepted assertions', async () => {
      const collection = join(dir, 'portman.json');
      const config = resolve(ROOT_DIR, 'tests', 'spec', 'portman-config.json');
      // In the temporary folder: Portman writes its working files under ./tmp of where it runs.
      const made = await runIn(dir, bin('portman'), [
        ...['-l', BUNDLE_YAML_PATH, '-b', mock.baseUrl, '-c', config, '-o', collection],
      ]);
      expect(made.code, made.output).toBe(0);
      const report = join(dir, 'newman.json');
      await run(bin('newman'), [
        ...['run', collection, '--env-var', `accessToken=${token}`],
        ...['--reporters', 'json', '--reporter-json-export', report],
      ]);
      const newman = JSON.parse(await readFile(report, 'utf8')) as {
        run: { executions: { assertions?: { assertion: string; error?: unknown }[] }[] };
      };
      const failed = newman.run.executions.flatMap((e) =>
        (e.assertions ?? []).filter((a) => a.error).map((a) => a.assertion),
      );
      expect(newman.run.executions.length).toBe(24);
      expect([...new Set(failed)].sort()).toEqual([...(await accepted('Portman'))].sort());
    }, 180_000);

    it.skipIf(!hasJava)(
      'Specmatic: every answer it judges keeps the schema; the status mismatches left are accepted',
      async () => {
        const reports = join(dir, 'specmatic');
        // In the temporary folder too: Specmatic writes an HTML report under ./build of where it runs.
        const { code, output } = await runIn(
          dir,
          'java',
          [
            ...['-jar', resolve(ROOT_DIR, 'node_modules', 'specmatic', 'specmatic.jar'), 'test'],
            ...[BUNDLE_YAML_PATH, `--testBaseURL=${mock.baseUrl}`, `--junitReportDir=${reports}`],
            // Logging out would revoke the token that every later request carries.
            "--filter=PATH!='/auth/logout'",
          ],
          // Specmatic takes a credential from the variable named after each security scheme.
          { bearerAuth: token, queryToken: token },
        );
        expect(output).toMatch(/Tests run: [1-9]/);
        const junit = await readFile(join(reports, 'TEST-junit-jupiter.xml'), 'utf8');
        const found = new Set<string>();
        for (const [, message = ''] of junit.matchAll(/<failure message="([^"]*)"/g)) {
          const text = message
            .replace(/&gt;/g, '>')
            .replace(/&quot;/g, '"')
            .replace(/&#10;/g, '\n');
          const api = /API: (\S+ \S+) -> (\d+)/.exec(text);
          const status = /response contained status (\d+)/.exec(text)?.[1] ?? 'no status';
          const rules = [...new Set(text.match(/\b[A-Z]\d{4}(?=:)/g) ?? [])].join(',');
          found.add(`${api?.[1]} -> ${api?.[2]}: ${rules} ${status}`);
        }
        const allowed = await accepted('Specmatic');
        expect(
          [...found].filter((f) => !allowed.has(f)),
          output.slice(-2000),
        ).toEqual([]);
        expect(code === 0 || found.size > 0).toBe(true);
      },
      300_000,
    );
  });
});

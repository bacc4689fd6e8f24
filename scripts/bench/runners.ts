import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ROOT_DIR } from '../../spec/paths.ts';
import { mockPeer } from './compare.ts';
import { round } from './load.ts';
import { bin, type RunningPeer, startPeer } from './peers.ts';

/** One timed run of a contract-testing tool against a fresh mock. */
export interface RunnerResult {
  name: string;
  /** Wall time of the command, from spawn to exit. */
  seconds?: number;
  exitCode?: number;
  /** The tool's own closing line, e.g. Dredd's "complete: 20 passing, ...". */
  summary?: string;
  /** The longest time without a new line of output, from spawn to exit (the runner promises <= 5 s). */
  longestSilenceSeconds?: number;
  error?: string;
}

/** Runs a command to its end, answering its exit code, output and wall time. */
function timed(command: string, args: string[], env: NodeJS.ProcessEnv, timeoutMs: number) {
  return new Promise<{ code: number; output: string; seconds: number; longestSilenceSeconds: number }>(
    (done) => {
      const started = performance.now();
      const child = spawn(command, args, { cwd: ROOT_DIR, env: { ...process.env, ...env } });
      let output = '';
      let lastLine = started;
      let longest = 0;
      const onData = (d: Buffer) => {
        output += d;
        if (!d.includes(10)) return;
        const now = performance.now();
        longest = Math.max(longest, now - lastLine);
        lastLine = now;
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      child.on('close', (code) => {
        clearTimeout(timer);
        const now = performance.now();
        done({
          code: code ?? 1,
          output,
          seconds: round((now - started) / 1000, 2),
          longestSilenceSeconds: round(Math.max(longest, now - lastLine) / 1000, 1),
        });
      });
    },
  );
}

/** How the project's own runner is started: `npm run contract` once it exists, else its CLI file. */
async function runnerCommand(): Promise<[string, string[]]> {
  const pkg = JSON.parse(await readFile(join(ROOT_DIR, 'package.json'), 'utf8')) as {
    scripts?: Record<string, string>;
  };
  if (pkg.scripts?.contract) return ['npm', ['run', '--silent', 'contract', '--']];
  return [bin('tsx'), ['contracts/cli.ts']];
}

/**
 * Times a full run of the project's contract runner, then of Dredd over the same spec, each against
 * a mock of its own in its default configuration (so that neither sees the other's writes). A tool that fails is recorded, not
 * thrown: the bench reports what it measured.
 */
export async function timeRunners(timeoutMs: number, quick = false): Promise<RunnerResult[]> {
  const [command, prefix] = await runnerCommand();
  // --quick proves the timing works with one cheap check; a full run takes about a minute.
  const only = quick ? ['--only', 'status_code_conformance'] : [];
  const results: RunnerResult[] = [];
  results.push(
    await againstMock('contract runner (this project)', (base) =>
      // The default run, as a new user starts it: no flags but the backend and a seed to replay.
      timed(command, [...prefix, '--base-url', base, '--seed', '1', ...only], {}, timeoutMs),
    ),
  );
  results.push(
    await againstMock('Dredd 14', (base) =>
      timed(
        bin('dredd'),
        ['openapi.yaml', base, '--hookfiles=scripts/bench/dredd-hooks.cjs', '--loglevel=warning'],
        { BENCH_BASE_URL: base },
        timeoutMs,
      ),
    ),
  );
  // Dredd as `npm run contract:dredd` runs it: hooks that create what the examples name, so that
  // every example passes (the bare hooks above fail most of them against a stateful mock). Not in
  // --quick, which only proves the timing works.
  if (!quick)
    results.push(
      await againstMock('Dredd 14, project hooks', (base) =>
        timed(bin('tsx'), ['contracts/dredd/run-dredd.ts', '--base-url', base], {}, timeoutMs),
      ),
    );
  return results;
}

async function againstMock(
  name: string,
  run: (
    base: string,
  ) => Promise<{ code: number; output: string; seconds: number; longestSilenceSeconds: number }>,
): Promise<RunnerResult> {
  let peer: RunningPeer | undefined;
  try {
    // The default configuration, rate limits on: the contract requires the RateLimit-* headers.
    peer = await startPeer(mockPeer(`mock-for-${name}`, { MOCK_RATE_LIMIT: undefined }));
    const { code, output, seconds, longestSilenceSeconds } = await run(`${peer.origin}/api`);
    return { name, seconds, exitCode: code, summary: closingLine(output), longestSilenceSeconds };
  } catch (error) {
    return { name, error: (error as Error).message.slice(0, 2000) };
  } finally {
    await peer?.stop();
  }
}

/** The last line that reads like a count of passes and failures. */
function closingLine(output: string): string {
  const lines = output
    .split('\n')
    // biome-ignore lint/suspicious/noControlCharactersInRegex: strips terminal colours
    .map((l) => l.replace(/\u001b\[[0-9;]*m/g, '').trim())
    .filter(Boolean);
  const counted = lines.filter((l) => /\d+ (passing|passed|failed|failing|checks?)/i.test(l));
  return (counted.at(-1) ?? lines.at(-1) ?? '').slice(0, 300);
}

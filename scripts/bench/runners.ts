import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { OPENAPI_PATH, ROOT_DIR } from '../../mock/openapi/paths.ts';
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
  /** Each round's wall time; `seconds` is their median. */
  rounds?: number[];
  /** The runner only: per Dredd, the median over rounds of the runner's time over that Dredd's in the same round. */
  ratios?: { to: string; median: number }[];
  /** The runner only: the test number it placed calls to (Dredd's project hooks used the same). */
  testNumber?: string | undefined;
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
  return [bin('tsx'), ['profiles/call-center/runner/cli.ts']];
}

/**
 * The test number whose call ends fastest on the real call clock (`busy`, about 4 s after it
 * rings), read from placeCall's `x-test-numbers`: with it both tools place real calls, as a user
 * checking a backend's calls would.
 */
async function busyTestNumber(): Promise<string | undefined> {
  const doc = parseYaml(await readFile(OPENAPI_PATH, 'utf8')) as {
    paths?: Record<
      string,
      Record<string, { operationId?: string; 'x-test-numbers'?: Record<string, string> }>
    >;
  };
  for (const item of Object.values(doc.paths ?? {}))
    for (const op of Object.values(item))
      if (op?.operationId === 'placeCall')
        return Object.entries(op['x-test-numbers'] ?? {}).find(([, outcome]) => outcome === 'busy')?.[0];
  return undefined;
}

type Tool = {
  name: string;
  run: (base: string) => ReturnType<typeof timed>;
};

/**
 * Times full runs of the project's contract runner and of Dredd over the same spec, each against
 * a fresh mock of its own in its default configuration (rate limits on, the real call clock), in
 * `rounds` rounds whose order rotates, so that the drift of a shared machine falls on every tool
 * alike. A tool's figure is its median round; the runner's ratio to the faster Dredd is taken
 * within each round, and the median of those is reported. A tool that fails is recorded, not
 * thrown: the bench reports what it measured.
 */
export async function timeRunners(timeoutMs: number, quick = false, rounds = 3): Promise<RunnerResult[]> {
  const [command, prefix] = await runnerCommand();
  const testNumber = quick ? undefined : await busyTestNumber();
  const calls = testNumber ? ['--test-number', testNumber] : [];
  // --quick proves the timing works with one cheap check; a full run places real calls.
  const only = quick ? ['--only', 'status_code_conformance'] : [];
  const tools: Tool[] = [
    {
      name: 'contract runner (this project)',
      // The default run, as a new user starts it: the backend, the test number, a seed to replay.
      run: (base) =>
        timed(command, [...prefix, '--base-url', base, '--seed', '1', ...calls, ...only], {}, timeoutMs),
    },
    {
      name: 'Dredd 14',
      run: (base) =>
        timed(
          bin('dredd'),
          ['openapi.yaml', base, '--hookfiles=scripts/bench/dredd-hooks.cjs', '--loglevel=warning'],
          { BENCH_BASE_URL: base },
          timeoutMs,
        ),
    },
  ];
  // Dredd as `npm run contract:dredd` runs it: hooks that create what the examples name, so that
  // every example passes (the bare hooks above fail most of them against a stateful mock), and
  // the call examples placed to the same test number. Not in --quick, which only proves the timing works.
  if (!quick)
    tools.push({
      name: 'Dredd 14, project hooks',
      run: (base) =>
        timed(bin('tsx'), ['profiles/call-center/runner/dredd/run-dredd.ts', '--base-url', base, ...calls], {}, timeoutMs),
    });
  const runs = new Map<string, RunnerResult[]>(tools.map((t) => [t.name, []]));
  for (let turn = 0; turn < Math.max(1, rounds); turn++)
    for (let i = 0; i < tools.length; i++) {
      const tool = tools[(i + turn) % tools.length] as Tool;
      runs.get(tool.name)?.push(await againstMock(tool.name, tool.run));
    }
  const results = tools.map((t) => summarize(t.name, runs.get(t.name) ?? []));
  // The runner against each Dredd: its time over that Dredd's in the same round, median of the rounds.
  const runner = runs.get(tools[0]?.name ?? '') ?? [];
  const ratios = tools.slice(1).flatMap((dredd) => {
    const each = runner.flatMap((r, turn) => {
      const theirs = runs.get(dredd.name)?.[turn]?.seconds;
      return r.seconds === undefined || theirs === undefined ? [] : [r.seconds / theirs];
    });
    return each.length ? [{ to: dredd.name, median: round(median(each), 2) }] : [];
  });
  if (results[0] && ratios.length) results[0].ratios = ratios;
  if (results[0]) results[0].testNumber = testNumber;
  return results;
}

/** One tool's rounds as one result: the median time, the longest silence of any round, the worst exit. */
function summarize(name: string, rounds: RunnerResult[]): RunnerResult {
  const timed = rounds.filter((r) => r.seconds !== undefined);
  const failed = rounds.find((r) => r.error !== undefined);
  if (timed.length === 0) return { name, error: failed?.error ?? 'not run' };
  const byTime = [...timed].sort((a, b) => (a.seconds ?? 0) - (b.seconds ?? 0));
  const middle = byTime[Math.floor((byTime.length - 1) / 2)] as RunnerResult;
  return {
    name,
    seconds: round(median(timed.map((r) => r.seconds ?? 0)), 2),
    rounds: timed.map((r) => r.seconds ?? 0),
    exitCode: timed.map((r) => r.exitCode ?? 0).find((c) => c !== 0) ?? 0,
    summary: middle.summary,
    longestSilenceSeconds: Math.max(...timed.map((r) => r.longestSilenceSeconds ?? 0)),
    ...(failed
      ? { error: `${rounds.length - timed.length} of ${rounds.length} rounds failed: ${failed.error}` }
      : {}),
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
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

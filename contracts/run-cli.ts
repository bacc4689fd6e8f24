import { writeFile } from 'node:fs/promises';
import { parseArguments } from './cli-arguments.ts';
import { loadRunnerProfiles } from './load-profiles.ts';
import type { RunnerProfile } from './profile.ts';
import { renderReport } from './report/console.ts';
import { LiveStatus } from './report/live-status.ts';

/** Exit codes, one per way a run ends. */
export const EXIT = {
  kept: 0,
  broken: 1,
  badArguments: 2,
  unusable: 3,
  crashed: 4,
  timedOut: 124,
  SIGINT: 130,
  SIGTERM: 143,
} as const;

/**
 * The runner's command line: the only place that reads argv, prints, handles signals and exits.
 * Exit codes: 0 every check holds, 1 the backend breaks the contract (or the run left data behind),
 * 2 a wrong argument, 3 the backend cannot be checked at all, 124 the run's --timeout passed,
 * 130/143 interrupted by SIGINT/SIGTERM (after cleaning up).
 */
async function main(argv: string[], registered: RunnerProfile[]): Promise<number> {
  const parsed = parseArguments(argv);
  if (!parsed.ok) {
    (parsed.exitCode === 0 ? process.stdout : process.stderr).write(`${parsed.message.trimEnd()}\n`);
    return parsed.exitCode;
  }
  const o = parsed.options;
  let profiles: RunnerProfile[];
  try {
    profiles = [...(await loadRunnerProfiles(o.profileModules)), ...registered];
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    return EXIT.badArguments;
  }
  // Only --rules gets here without a base URL: list the rules, check nothing.
  if (!o.baseUrl) return printRules(o.spec, o.asyncapi);
  const status = new LiveStatus((text) => process.stdout.write(text), process.stdout.isTTY === true, o.quiet);
  status.start();
  // A line before the heavy imports (spec parsers, generators, checks: seconds on a busy machine).
  status.print(`… Loading the contract runner to check ${o.baseUrl}`);
  const [{ newSeed }, { runContract }, { renderJson }, { renderJunit }] = await Promise.all([
    import('./generate/valid-values.ts'),
    import('./run-contract.ts'),
    import('./report/json.ts'),
    import('./report/junit.ts'),
  ]);
  const seed = o.seed ?? newSeed();
  status.print(`Checking ${o.baseUrl} against the contract (seed ${seed}; replay with --seed ${seed})`);
  // The first Ctrl-C stops the run and cleans up; a second one leaves at once.
  const interrupt = new AbortController();
  let signal: 'SIGINT' | 'SIGTERM' | undefined;
  let pending: () => string[] = () => [];
  const onSignal = (name: 'SIGINT' | 'SIGTERM') => {
    if (signal) {
      // Leaving at once: say what the cleanup had not removed yet, since nobody else will.
      const left = pending();
      if (left.length)
        status.print(`${name} again: leaving at once. Left behind (remove by hand): ${left.join('; ')}.`);
      process.exit(EXIT[name]);
    }
    signal = name;
    status.print(`${name}: stopping and removing what the run created (again to leave at once)…`);
    interrupt.abort();
  };
  process.on('SIGINT', () => onSignal('SIGINT'));
  process.on('SIGTERM', () => onSignal('SIGTERM'));
  const result = await runContract({
    baseUrl: o.baseUrl,
    spec: o.spec,
    asyncapi: o.asyncapi,
    headers: Object.fromEntries(
      o.headers.map((h) => {
        const at = h.indexOf(':');
        return [h.slice(0, at).trim().toLowerCase(), h.slice(at + 1).trim()];
      }),
    ),
    query: Object.fromEntries(
      o.queryParams.map((q) => [q.slice(0, q.indexOf('=')), q.slice(q.indexOf('=') + 1)]),
    ),
    profiles,
    email: o.email,
    password: o.password,
    token: o.token,
    expiredToken: o.expiredToken,
    expiryWaitMs: o.expiryWaitMs,
    only: o.only,
    skip: o.skip,
    seed,
    examples: o.examples,
    depth: o.depth,
    testNumber: o.testNumber,
    readOnly: o.readOnly,
    rateLimitBurst: o.rateLimitBurst,
    strictServerErrors: o.strictServerErrors,
    timeoutMs: o.timeoutMs,
    runTimeoutMs: o.runTimeoutMs,
    realtimeTimeoutMs: o.realtimeTimeoutMs,
    callTimeoutMs: o.callTimeoutMs,
    corsOrigins: o.corsOrigins,
    rules: o.rules,
    signal: interrupt.signal,
    onProgress: (event) => status.onEvent(event),
    onTracking: (list) => {
      pending = list;
    },
  });
  status.stop();
  process.stdout.write(`${renderReport(result, { quiet: o.quiet })}\n`);
  if (result.rules) {
    const { renderRules } = await import('./report/rules-table.ts');
    process.stdout.write(`\n${renderRules(result.rules)}\n`);
  }
  if (o.json) await writeFile(o.json, renderJson(result));
  if (o.junit) await writeFile(o.junit, renderJunit(result));
  if (signal) return EXIT[signal];
  if (result.fatal) return result.fatalKind === 'selection' ? EXIT.badArguments : EXIT.unusable;
  if (result.ended === 'timeout') return EXIT.timedOut;
  return result.ok ? EXIT.kept : EXIT.broken;
}

/** `--rules` without a backend: every rule of the contract with the check that judges it. */
async function printRules(spec: string | undefined, asyncapi: string | undefined): Promise<number> {
  const [{ loadContract }, { buildInventory }, { judgeRules }, { renderRules }] = await Promise.all([
    import('./plan/load-contract.ts'),
    import('./rules/inventory.ts'),
    import('./rules/judge-rules.ts'),
    import('./report/rules-table.ts'),
  ]);
  const contract = await loadContract({
    ...(spec ? { openapi: spec } : {}),
    ...(asyncapi ? { asyncapi } : {}),
  });
  process.stdout.write(`${renderRules(judgeRules(buildInventory(contract)))}\n`);
  return EXIT.kept;
}

/**
 * Runs the runner's command line with `registered` profiles and those of `--profile`, then exits
 * with the run's code. A distribution registers the profiles it ships (profiles/call-center/runner/cli.ts
 * is `npm run contract`); contracts/cli.ts registers none.
 */
export async function runContractCli(registered: RunnerProfile[] = []): Promise<never> {
  try {
    // Exit at once: a backend's keep-alive sockets must not hold the command open.
    process.exit(await main(process.argv.slice(2), registered));
  } catch (error) {
    // Only a bug of the runner gets here; say so, with the stack that helps fix it.
    process.stderr.write(
      `The contract runner crashed (a bug in the runner, not in your backend):\n${(error as Error).stack}\n`,
    );
    process.exit(EXIT.crashed);
  }
}

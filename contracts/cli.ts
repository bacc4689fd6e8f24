import { writeFile } from 'node:fs/promises';
import { parseArguments } from './cli-arguments.ts';
import { newSeed } from './generate/valid-values.ts';
import { progressLine, renderReport } from './report/console.ts';
import { renderJson } from './report/json.ts';
import { renderJunit } from './report/junit.ts';
import { runContract } from './run-contract.ts';

/**
 * The runner's command line: the only place that reads argv, prints and exits.
 * Exit codes: 0 every check holds, 1 the backend breaks the contract, 2 a wrong argument,
 * 3 the backend cannot be checked at all (down, not HTTP, login refused).
 */
async function main(argv: string[]): Promise<number> {
  const parsed = parseArguments(argv);
  if (!parsed.ok) {
    (parsed.exitCode === 0 ? process.stdout : process.stderr).write(`${parsed.message.trimEnd()}\n`);
    return parsed.exitCode;
  }
  const o = parsed.options;
  const seed = o.seed ?? newSeed();
  process.stdout.write(
    `Checking ${o.baseUrl} against the contract (seed ${seed}; replay with --seed ${seed})\n`,
  );
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
    email: o.email,
    password: o.password,
    token: o.token,
    only: o.only,
    skip: o.skip,
    seed,
    examples: o.examples,
    testNumber: o.testNumber,
    readOnly: o.readOnly,
    rateLimitBurst: o.rateLimitBurst,
    timeoutMs: o.timeoutMs,
    realtimeTimeoutMs: o.realtimeTimeoutMs,
    callTimeoutMs: o.callTimeoutMs,
    corsOrigins: o.corsOrigins,
    onProgress: (event) => {
      if (!o.quiet) process.stdout.write(`${progressLine(event)}\n`);
    },
  });
  process.stdout.write(`${renderReport(result, { quiet: o.quiet })}\n`);
  if (o.json) await writeFile(o.json, renderJson(result));
  if (o.junit) await writeFile(o.junit, renderJunit(result));
  if (result.fatal) return result.fatalKind === 'selection' ? 2 : 3;
  return result.ok ? 0 : 1;
}

main(process.argv.slice(2)).then(
  // Exit at once: a backend's keep-alive sockets must not hold the command open.
  (code) => process.exit(code),
  (error: unknown) => {
    // Only a bug of the runner gets here; say so, with the stack that helps fix it.
    process.stderr.write(
      `The contract runner crashed (a bug in the runner, not in your backend):\n${(error as Error).stack}\n`,
    );
    process.exit(4);
  },
);

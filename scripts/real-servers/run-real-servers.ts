/**
 * `npm run contract:real`: the contract runner against real servers that publish an API
 * description and install from Debian (servers.ts): each is started on loopback, its Swagger 2.0
 * description is read from the installed package and converted to OpenAPI 3.0, and a default run
 * (`npm run contract -- --spec ... --base-url ...`) checks it. Every failure the run reports is
 * matched against the classification in findings.ts (a deviation of the server, a defect of its
 * description, or a false alarm of the runner): the command exits 1 when a failure is not
 * classified or a server cannot be run, 0 otherwise. `--only alertmanager` picks servers,
 * `--out DIR` keeps each run's JSON result (reports/real-servers by default).
 */
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { RunResult } from '../../contracts/run-result.ts';
import { ROOT_DIR } from '../../mock/openapi/paths.ts';
import { bin } from '../support/local-process.ts';
import { classify } from './findings.ts';
import { REAL_SERVERS, type RealServer } from './servers.ts';
import { startRealServer } from './start-server.ts';
import { toOpenApi3 } from './swagger-description.ts';

const { values } = parseArgs({
  options: {
    only: { type: 'string' },
    out: { type: 'string', default: join(ROOT_DIR, 'reports', 'real-servers') },
    seed: { type: 'string', default: '1' },
  },
});
const chosen = values.only?.split(',');
const unknown = chosen?.filter((n) => !REAL_SERVERS.some((s) => s.name === n)) ?? [];
if (unknown.length) {
  process.stderr.write(
    `--only takes ${REAL_SERVERS.map((s) => s.name).join(',')}, not ${unknown.join(',')}\n`,
  );
  process.exit(2);
}
const out = resolve(values.out);
await mkdir(out, { recursive: true });

let ok = true;
for (const server of REAL_SERVERS.filter((s) => !chosen || chosen.includes(s.name))) {
  process.stdout.write(`\n## ${server.name}: ${server.source}\n\n`);
  try {
    const result = await checkServer(server, out, Number(values.seed));
    ok = report(server, result) && ok;
  } catch (error) {
    ok = false;
    process.stdout.write(`✘ ${server.name} could not be checked: ${(error as Error).message}\n`);
  }
}
process.exit(ok ? 0 : 1);

/** Starts the server, converts its description, runs the runner's CLI on it, answers its JSON result. */
async function checkServer(server: RealServer, outDir: string, seed: number): Promise<RunResult> {
  const dir = await mkdtemp(join(tmpdir(), `contract-real-${server.name}-`));
  const started = await startRealServer(server, dir);
  try {
    const { document, patches } = await toOpenApi3(await server.swagger());
    const spec = join(dir, 'openapi.json');
    await writeFile(spec, JSON.stringify(document));
    if (patches) process.stdout.write(`swagger2openapi patched the description in ${patches} places.\n`);
    const json = join(outDir, `${server.name}.json`);
    const headers = Object.entries(server.headers).flatMap(([k, v]) => ['--header', `${k}: ${v}`]);
    const args = [
      'contracts/cli.ts',
      ...['--spec', spec, '--base-url', started.origin + server.basePath],
      ...headers,
      ...['--seed', String(seed), '--json', json, '--timeout', '120000'],
    ];
    process.stdout.write(`npm run contract -- ${args.slice(1).join(' ')}\n`);
    const code = await new Promise<number>((done) => {
      const child = spawn(bin('tsx'), args, { cwd: ROOT_DIR, stdio: ['ignore', 'inherit', 'inherit'] });
      child.on('close', (c) => done(c ?? 1));
    });
    const result = JSON.parse(await readFile(json, 'utf8')) as RunResult;
    if (code !== 0 && code !== 1)
      throw new Error(`the runner exited ${code}: ${result.fatal ?? 'see above'}`);
    return result;
  } finally {
    await started.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

/** Prints each failure with its class; answers false when one is not classified. */
function report(server: RealServer, result: RunResult): boolean {
  const answered2xx = result.coverage.operations.filter((o) => o.observedStatuses.some((s) => /^2/.test(s)));
  process.stdout.write(
    `\n${server.name}: ${result.failures.length} failures; ${answered2xx.length} of ${result.coverage.operationsTotal} operations answered 2xx (${answered2xx.map((o) => o.operationId).join(', ')}).\n`,
  );
  let ok = true;
  for (const failure of result.failures) {
    const finding = classify(server.name, failure);
    if (!finding) ok = false;
    process.stdout.write(
      `- [${failure.check}] ${failure.operationId ?? '-'}: ${failure.title} -> ${finding ? `${finding.kind}: ${finding.why}` : 'NOT CLASSIFIED (add it to scripts/real-servers/findings.ts and docs/runner.md)'}\n`,
    );
  }
  return ok;
}

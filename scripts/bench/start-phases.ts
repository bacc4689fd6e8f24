/**
 * What a first start of the mock spends, phase by phase, on public descriptions: the CPU time (user
 * and system, so the machine's load matters less than to wall time) of each step `startMock` takes
 * before it listens, run in this process with an empty cache folder, and the heap at the first
 * answer. One JSON line per description.
 *
 *   npx tsx scripts/bench/start-phases.ts path/to/github.json …
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMockApp } from '../../mock/create-mock-app.ts';
import { dereferenceSpec, readSpec } from '../../mock/openapi/load-spec.ts';
import { checkSpecOnce } from '../../mock/openapi/validate-once.ts';
import { defaultOptions } from '../../mock/options.ts';

async function phases(path: string): Promise<Record<string, number | string>> {
  const cacheDir = await mkdtemp(join(tmpdir(), 'start-phases-'));
  const out: Record<string, number | string> = { spec: path.split('/').slice(-2).join('/') };
  let since = process.cpuUsage();
  const lap = (phase: string) => {
    const used = process.cpuUsage(since);
    out[phase] = Math.round((used.user + used.system) / 1000);
    since = process.cpuUsage();
  };
  try {
    const source = await readSpec(path, cacheDir);
    lap('readMs');
    const verdict = await checkSpecOnce(source, cacheDir);
    lap('checkMs');
    const spec = await dereferenceSpec(source);
    lap('dereferenceMs');
    const options = { ...defaultOptions(), spec: path, log: 'off' as const, lenient: true, cacheDir };
    const mock = await createMockApp(spec, options);
    lap('buildMs');
    const answer = await mock.handle({
      method: 'GET',
      url: `${mock.ctx.basePath}/`,
      headers: {},
      body: { bytes: async () => new Uint8Array() },
      client: '127.0.0.1',
    });
    lap('firstAnswerMs');
    Object.assign(out, {
      status: answer.status,
      problems: verdict.problems.length,
      heapMb: Math.round(process.memoryUsage().heapUsed / 1e6),
    });
    await mock.close();
  } finally {
    await rm(cacheDir, { recursive: true, force: true });
  }
  return out;
}

for (const path of process.argv.slice(2)) console.log(JSON.stringify(await phases(path)));

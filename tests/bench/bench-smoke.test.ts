import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { BrowserResult } from '../../scripts/bench/browser.ts';
import type { CorpusBenchRow } from '../../scripts/bench/corpus.ts';
import type { InstallResult } from '../../scripts/bench/install.ts';
import type { BenchReport } from '../../scripts/bench/report.ts';
import type { SuiteRun } from '../../scripts/bench/suite.ts';
import { bin, run } from '../support/processes.ts';

const dir = await mkdtemp(join(tmpdir(), 'ai-call-center-bench-smoke-'));
afterAll(() => rm(dir, { recursive: true, force: true }));

// `npm run bench -- --quick`: every step of the bench with tiny durations. It proves the script
// works end to end; its figures are meaningless on a shared CI machine, so none is asserted.
describe('npm run bench -- --quick', () => {
  it('measures every peer, the start, the scale steps, both contract tools, the client installed alone and the suite, and writes the report', async () => {
    const out = join(dir, 'bench.json');
    const { code, output } = await run(bin('tsx'), ['scripts/bench/run-bench.ts', '--quick', '--out', out]);
    expect(code, output).toBe(0);
    const report = JSON.parse(await readFile(out, 'utf8')) as BenchReport & {
      corpus: CorpusBenchRow[];
      browser?: BrowserResult;
      install?: InstallResult;
      suite: SuiteRun[];
    };
    expect(report.quick).toBe(true);
    expect(report.peers.map((p) => p.name)).toEqual([
      'node',
      'express',
      'mock',
      'prism-static',
      'prism-dynamic',
      'scalar',
      'json-server',
    ]);
    for (const peer of report.peers) {
      expect(peer.get.requests, `${peer.name} GET`).toBeGreaterThan(0);
      expect(peer.post.requests, `${peer.name} POST`).toBeGreaterThan(0);
      expect(peer.get.errors, `${peer.name} GET`).toBe(0);
      expect(peer.rssLoadedMb, peer.name).toBeGreaterThan(0);
    }
    // The bundle and tsx, beside Scalar's mock server and Prism.
    expect(report.startup.map((s) => s.name)).toHaveLength(4);
    expect(report.scale.every((s) => s.error === undefined && Object.keys(s.p50Ms).length === 3)).toBe(true);
    // The heap probe answered: the heap as found, and its live size after a full collection.
    expect(report.scale.every((s) => s.heap !== undefined && s.heap.liveMb > 0)).toBe(true);
    // The SQLite store beside memory, restarted on the file it seeded, reads and writes measured.
    expect(report.store?.map((s) => [s.store, s.error])).toEqual([
      ['memory', undefined],
      ['sqlite', undefined],
    ]);
    expect(report.store?.find((s) => s.store === 'sqlite')?.restartMs).toBeGreaterThan(0);
    expect(report.runners.map((r) => [r.name, r.error])).toEqual([
      ['contract runner (this project)', undefined],
      ['Dredd 14', undefined],
    ]);
    // Three small descriptions of the corpus: this mock through the harness, then started from an
    // empty cache folder and again warm, beside Prism and Scalar.
    expect(
      report.corpus.flatMap((r) => [
        `${r.id} harness ${r.harness.started}`,
        ...r.starts.map((s) => `${r.id} ${s.server} ${s.started}`),
      ]),
    ).toEqual(
      ['xkcd', 'circleci', 'musixmatch'].flatMap((id) => [
        `${id} harness true`,
        `${id} mock true`,
        `${id} mock-warm true`,
        `${id} prism true`,
        `${id} scalar true`,
      ]),
    );
    // The browser mock in a vite build: its chunks beside MSW's, a first visit and a reload.
    expect(report.browser?.sizes.mock.gzipBytes).toBeGreaterThan(0);
    expect(report.browser?.sizes.msw.gzipBytes).toBeGreaterThan(0);
    expect(report.browser?.reload.answeredMs).toBeGreaterThan(0);
    // The page's seed, noted apart: it runs while MSW's worker registers.
    expect(report.browser?.mock.seededMs).toBeGreaterThan(0);
    // The client packed and installed alone beside openapi-fetch alone: it brings nothing more.
    const install = report.install;
    expect(install?.packed.map((p) => [p.folder, p.error])).toEqual([['client', undefined]]);
    expect(install?.packed[0]?.files).toBeGreaterThan(0);
    const [client, openapiFetch] = install?.alone ?? [];
    expect([client?.error, openapiFetch?.error]).toEqual([undefined, undefined]);
    expect(openapiFetch?.name).toMatch(/^openapi-fetch@/);
    expect(client?.packages).toBe((openapiFetch?.packages ?? 0) + 1);
    // The suite's step, on one small file here (the suite cannot run itself): it read vitest's report.
    expect(report.suite.map((s) => [s.passed, s.files, s.error])).toEqual([[true, 1, undefined]]);
    expect(report.suite[0]?.tests).toBeGreaterThan(0);
    expect(report.targets.length).toBeGreaterThan(0);
    expect(output).toContain('| server | op | req/s |');
  }, 400_000);
});

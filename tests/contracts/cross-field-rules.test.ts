import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runContract } from '../../contracts/run-contract.ts';
import { OPENAPI_PATH } from '../../mock/openapi/paths.ts';
import { createInProcessMock, type InProcessMock } from '../../profiles/call-center/package.ts';
import { callCenterRunner } from '../../profiles/call-center/runner/index.ts';

interface Sent {
  url: URL;
  status: number;
}

/** The runner over an in-process mock (no port), judging only what x-constraints touches. */
async function runAgainst(mock: InProcessMock): Promise<{ ok: boolean; sent: Sent[]; failures: string[] }> {
  const sent: Sent[] = [];
  const result = await runContract({
    profiles: [callCenterRunner],
    baseUrl: mock.baseUrl,
    only: ['positive_data_acceptance', 'negative_data_rejection'],
    seed: 7,
    depth: 'quick',
    readOnly: true,
    fetch: async (input, init) => {
      const answer = await mock.fetch(input as string, init);
      sent.push({ url: new URL(String(input)), status: answer.status });
      return answer;
    },
  });
  return { ok: result.ok, sent, failures: result.failures.map((f) => `${f.operationId}: ${f.title}`) };
}

const to = (path: string) => (s: Sent) => s.url.pathname.endsWith(path);

describe('x-constraints, read by the mock and the runner', () => {
  it('the runner keeps them in its valid requests and breaks each once; the mock refuses the breaches', async () => {
    const mock = await createInProcessMock({ log: 'off', rateLimit: 0 });
    try {
      const { ok, sent, failures } = await runAgainst(mock);
      expect(failures).toEqual([]);
      expect(ok).toBe(true);
      const calls = sent.filter(to('/voip/calls'));
      const ranges = calls.filter((s) => s.url.searchParams.has('from') && s.url.searchParams.has('to'));
      const valid = ranges.filter(
        (s) =>
          Date.parse(s.url.searchParams.get('from') ?? '') < Date.parse(s.url.searchParams.get('to') ?? ''),
      );
      expect(valid.length).toBeGreaterThan(0);
      expect(valid.every((s) => s.status === 200)).toBe(true);
      expect(ranges.some((s) => !valid.includes(s) && s.status === 400)).toBe(true);
      const windows = sent.filter(to('/statistics'));
      const both = windows.filter((s) => s.url.searchParams.has('days') && s.url.searchParams.has('months'));
      expect(both.length).toBeGreaterThan(0);
      expect(both.every((s) => s.status === 400)).toBe(true);
    } finally {
      await mock.close();
    }
  });

  it('a backend that ignores them fails the run, naming the operations', async () => {
    // The same contract for the runner; the mock serves a copy without the rules, so it accepts both.
    const dir = await mkdtemp(join(tmpdir(), 'no-constraints-'));
    const text = await readFile(OPENAPI_PATH, 'utf8');
    const stripped = text.replace(/^ {6}x-constraints:\n(?: {8}- .*\n)+/gm, '');
    expect(stripped).not.toContain('x-constraints:');
    await writeFile(join(dir, 'openapi.yaml'), stripped);
    const mock = await createInProcessMock({ log: 'off', rateLimit: 0 }, join(dir, 'openapi.yaml'));
    try {
      const { ok, failures } = await runAgainst(mock);
      expect(ok).toBe(false);
      expect(failures.some((f) => f.startsWith('listCalls:'))).toBe(true);
      expect(failures.some((f) => f.startsWith('getStatistics:'))).toBe(true);
    } finally {
      await mock.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});

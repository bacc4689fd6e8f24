import { describe, expect, it } from 'vitest';
import type { AudioFile, Call } from '../../profiles/call-center/models.ts';
import { useMock } from './support.ts';

const a = await useMock({ seed: 42, calls: 300 });
const b = await useMock({ seed: 42, calls: 300 });
const other = await useMock({ seed: 43, calls: 300 });

const PATHS = [
  '/voip/calls?pageSize=100&page=2',
  '/qa?pageSize=100',
  '/topics',
  '/voip/file',
  '/statistics?months=6',
  '/statistics?days=30',
];
const text = async (t: typeof a, path: string) => (await t.call(path)).text();

describe('seeded data', () => {
  it.each(PATHS)('the same seed gives byte-identical answers: %s', async (path) => {
    expect(await text(a, path)).toBe(await text(b, path));
  });

  it('another seed gives other data', async () => {
    expect(await text(a, PATHS[0] as string)).not.toBe(await text(other, PATHS[0] as string));
  });

  it('the same seed gives the same ids to what is created next', async () => {
    const create = (t: typeof a) =>
      t.call('/topics', { method: 'POST', body: JSON.stringify({ name: 'Yangi mavzu' }) });
    const [x, y] = [
      (await (await create(a)).json()) as { id: string },
      (await (await create(b)).json()) as { id: string },
    ];
    expect(x.id).toBe(y.id);
  });

  it('has the shape of a real call center: Uzbek numbers, working hours, quieter Sundays', async () => {
    const calls = [...a.mock.ctx.store.collection<Call>('calls').all()];
    expect(calls.every((c) => /^\+998(9[0-9]|33|50|77|88)\d{7}$/.test(c.targetNumber))).toBe(true);
    const tashkentHours = calls.map((c) => (new Date(c.createdAt).getUTCHours() + 5) % 24);
    expect(Math.min(...tashkentHours)).toBeGreaterThanOrEqual(9);
    expect(Math.max(...tashkentHours)).toBeLessThan(20);
    const byWeekday = new Array<number>(7).fill(0);
    for (const c of calls) {
      const day = new Date(c.createdAt).getUTCDay();
      byWeekday[day] = (byWeekday[day] ?? 0) + 1;
    }
    expect(byWeekday[0]).toBeLessThan((byWeekday[2] ?? 0) / 2);
    const completed = calls.filter((c) => c.status === 'completed');
    expect(completed.length / calls.length).toBeGreaterThan(0.5);
    expect(
      completed.every((c) => c.durationSeconds > 0 && c.transcript.length >= 3 && c.outcome && c.summary),
    ).toBe(true);
    expect(
      calls
        .filter((c) => c.status !== 'completed')
        .every((c) => c.durationSeconds === 0 && c.answeredAt === null),
    ).toBe(true);
  });

  it('seeds playable audio whose bytes match their metadata', async () => {
    const files = [...a.mock.ctx.store.collection<AudioFile>('files').all()];
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) {
      const res = await a.call(`/voip/file/${f.id}/content`);
      const bytes = Buffer.from(await res.arrayBuffer());
      expect(bytes.length).toBe(f.sizeBytes);
      expect(bytes.subarray(0, 4).toString()).toBe('RIFF');
    }
  });
});

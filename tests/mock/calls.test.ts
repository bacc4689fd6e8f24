import { describe, expect, it } from 'vitest';
import type { Call, Page, Problem, Statistics } from '../../profiles/call-center/models.ts';
import { json, useMock } from './support.ts';

// A slow call clock: placed calls stay live for the length of this file.
const t = await useMock({ callSpeed: 0.01 });
const body = async <T>(res: Response) => (await res.json()) as T;
type CallPage = Page & { items: Call[] };

describe('placing a call', () => {
  it('answers 201 with a queued call that GET and the list then show', async () => {
    const res = await t.call(
      '/voip/call',
      json('POST', { targetNumber: '+998901112233', contactName: 'Nodira Azimova', language: 'ru' }),
    );
    expect(res.status).toBe(201);
    const call = await body<Call>(res);
    expect(call).toMatchObject({
      status: 'queued',
      direction: 'outbound',
      targetNumber: '+998901112233',
      language: 'ru',
      durationSeconds: 0,
      answeredAt: null,
      endedAt: null,
      outcome: null,
      transcript: [],
    });
    expect(res.headers.get('location')).toBe(`/api/voip/calls/${call.id}`);
    expect(await body(await t.call(`/voip/calls/${call.id}`))).toEqual(call);
    const listed = await body<CallPage>(await t.call('/voip/calls?targetNumber=%2B998901112233'));
    expect(listed.items.map((c) => c.id)).toEqual([call.id]);
  });

  it('refuses a second call to a number that has a live call (409 call_in_progress)', async () => {
    await t.call('/voip/call', json('POST', { targetNumber: '+998907778899' }));
    const again = await t.call('/voip/call', json('POST', { targetNumber: '+998907778899' }));
    expect(again.status).toBe(409);
    expect((await body<Problem>(again)).code).toBe('call_in_progress');
  });

  it.each([
    ['a number that is not Uzbek', { targetNumber: '+12025550123' }, '/targetNumber'],
    ['a number with 8 digits', { targetNumber: '+99890123456' }, '/targetNumber'],
    ['an unknown language', { targetNumber: '+998901234500', language: 'en' }, '/language'],
    ['an unknown field', { targetNumber: '+998901234500', priority: 1 }, '/priority'],
    [
      'an unknown topic',
      { targetNumber: '+998901234500', topicId: '00000000-0000-4000-8000-000000000000' },
      '/topicId',
    ],
    [
      'an unknown file',
      { targetNumber: '+998901234500', fileId: '00000000-0000-4000-8000-000000000000' },
      '/fileId',
    ],
  ])('refuses %s with a 400 naming the field', async (_, payload, field) => {
    const res = await t.call('/voip/call', json('POST', payload));
    expect(res.status).toBe(400);
    expect((await body<Problem>(res)).errors?.map((e) => e.field)).toEqual([field]);
  });
});

describe('listing calls', () => {
  it('paginates with the envelope, 20 by default and at most 100', async () => {
    const first = await body<CallPage>(await t.call('/voip/calls'));
    expect(first).toMatchObject({ page: 1, pageSize: 20 });
    expect(first.items).toHaveLength(20);
    expect(first.totalPages).toBe(Math.ceil(first.total / 20));
    const big = await body<CallPage>(await t.call('/voip/calls?pageSize=100&page=2'));
    expect(big.items).toHaveLength(100);
    expect((await t.call('/voip/calls?pageSize=101')).status).toBe(400);
    expect((await t.call('/voip/calls?page=0')).status).toBe(400);
    const past = await body<CallPage>(await t.call(`/voip/calls?page=${first.totalPages + 1}`));
    expect(past.items).toEqual([]);
  });

  it('filters by status (comma-separated), direction, topic and date range, combined', async () => {
    // The filter is taken from a seeded call, so that it matches at least that one whatever the seed.
    const candidates = await body<CallPage>(
      await t.call('/voip/calls?status=busy,no_answer&direction=outbound&pageSize=100'),
    );
    const sample = candidates.items.find((c) => c.topicId);
    expect(sample).toBeDefined();
    const at = Date.parse(sample?.createdAt ?? '');
    const from = new Date(at - 15 * 86_400_000).toISOString();
    const to = new Date(at + 15 * 86_400_000).toISOString();
    const query = `status=busy,no_answer&direction=outbound&topicId=${sample?.topicId}&from=${from}&to=${to}&pageSize=100`;
    const page = await body<CallPage>(await t.call(`/voip/calls?${query}`));
    expect(page.items.map((c) => c.id)).toContain(sample?.id);
    expect(page.total).toBeLessThan(candidates.total);
    for (const c of page.items) {
      expect(['busy', 'no_answer']).toContain(c.status);
      expect(c).toMatchObject({ direction: 'outbound', topicId: sample?.topicId });
      expect(c.createdAt >= from && c.createdAt < to).toBe(true);
    }
  });

  it.each([
    ['-createdAt', (a: Call, b: Call) => a.createdAt >= b.createdAt],
    ['createdAt', (a: Call, b: Call) => a.createdAt <= b.createdAt],
    ['-durationSeconds', (a: Call, b: Call) => a.durationSeconds >= b.durationSeconds],
    ['targetNumber', (a: Call, b: Call) => a.targetNumber <= b.targetNumber],
  ])('sorts by %s', async (sort, inOrder) => {
    const { items } = await body<CallPage>(await t.call(`/voip/calls?sort=${sort}&pageSize=100`));
    for (let i = 1; i < items.length; i++) expect(inOrder(items[i - 1] as Call, items[i] as Call)).toBe(true);
  });

  it.each([
    ['an unknown status', 'status=lost', 'status'],
    ['a malformed date', 'from=yesterday', 'from'],
    ['a range that ends before it starts', 'from=2026-10-01T00:00:00Z&to=2026-09-01T00:00:00Z', 'to'],
    ['a repeated page', 'page=1&page=2', 'page'],
    ['an unknown sort', 'sort=random', 'sort'],
  ])('refuses %s with a 400 naming the parameter', async (_, query, field) => {
    const res = await t.call(`/voip/calls?${query}`);
    expect(res.status).toBe(400);
    expect((await body<Problem>(res)).errors?.map((e) => e.field)).toEqual([field]);
  });

  it('answers 404 for an unknown call and 400 for a malformed id', async () => {
    expect((await t.call('/voip/calls/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await t.call('/voip/calls/not-a-uuid')).status).toBe(400);
  });
});

describe('deleting a number history', () => {
  it('removes exactly that number calls, with + or %2B, and the statistics follow', async () => {
    const { items } = await body<CallPage>(await t.call('/voip/calls?status=completed&pageSize=1'));
    const number = items[0]?.targetNumber ?? '';
    const before = await body<CallPage>(
      await t.call(`/voip/calls?targetNumber=${encodeURIComponent(number)}&pageSize=100`),
    );
    const total = (await body<CallPage>(await t.call('/voip/calls?pageSize=1'))).total;
    const stats = await body<Statistics>(await t.call('/statistics?months=12'));

    const res = await t.call(`/voip/history/${number}`, { method: 'DELETE' });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ targetNumber: number, deletedCount: before.total });
    expect(
      (await body<CallPage>(await t.call(`/voip/calls?targetNumber=${encodeURIComponent(number)}`))).total,
    ).toBe(0);
    expect((await body<CallPage>(await t.call('/voip/calls?pageSize=1'))).total).toBe(total - before.total);
    const after = await body<Statistics>(await t.call('/statistics?months=12'));
    expect(after.totals.calls).toBe(stats.totals.calls - before.total);

    const encoded = await t.call(`/voip/history/${encodeURIComponent(number)}`, { method: 'DELETE' });
    expect(await encoded.json()).toEqual({ targetNumber: number, deletedCount: 0 });
  });

  it('refuses while a call to the number is live (409 call_in_progress)', async () => {
    await t.call('/voip/call', json('POST', { targetNumber: '+998935550000' }));
    const res = await t.call('/voip/history/+998935550000', { method: 'DELETE' });
    expect(res.status).toBe(409);
  });

  it('refuses a malformed number with 400', async () => {
    expect((await t.call('/voip/history/998901234567', { method: 'DELETE' })).status).toBe(400);
  });
});

describe('statistics', () => {
  it('defaults to the last 7 days, one zero-filled point a day, totals adding up the series', async () => {
    const s = await body<Statistics>(await t.call('/statistics'));
    expect(s.granularity).toBe('day');
    expect(s.series).toHaveLength(7);
    const sum = (k: 'calls' | 'completed' | 'totalDurationSeconds') => s.series.reduce((n, p) => n + p[k], 0);
    expect(s.totals.calls).toBe(sum('calls'));
    expect(s.totals.completed).toBe(sum('completed'));
    expect(s.totals.totalDurationSeconds).toBe(sum('totalDurationSeconds'));
    expect(s.series.at(-1)?.period).toBe(new Date().toISOString().slice(0, 10));
  });

  it('counts a call placed now in today, and agrees with the call list', async () => {
    const before = await body<Statistics>(await t.call('/statistics?days=1'));
    await t.call('/voip/call', json('POST', { targetNumber: '+998944443322' }));
    const after = await body<Statistics>(await t.call('/statistics?days=1'));
    expect(after.totals.calls).toBe(before.totals.calls + 1);
    expect(after.totals.live).toBe(before.totals.live + 1);
    const today = new Date().toISOString().slice(0, 10);
    const listed = await body<CallPage>(await t.call(`/voip/calls?from=${today}T00:00:00Z&pageSize=1`));
    expect(listed.total).toBe(after.totals.calls);
  });

  it('gives months as calendar months, this one included', async () => {
    const s = await body<Statistics>(await t.call('/statistics?months=6'));
    expect(s.granularity).toBe('month');
    expect(s.series.map((p) => p.period)).toHaveLength(6);
    expect(s.series.at(-1)?.period).toBe(new Date().toISOString().slice(0, 7));
    expect(s.from).toBe(`${s.series[0]?.period}-01T00:00:00Z`);
    const seeded = await body<CallPage>(await t.call(`/voip/calls?from=${s.from}&pageSize=1`));
    expect(s.totals.calls).toBe(seeded.total);
  });

  it.each([
    ['both days and months', 'days=7&months=1', ['days', 'months']],
    ['0 days', 'days=0', ['days']],
    ['367 days', 'days=367', ['days']],
    ['25 months', 'months=25', ['months']],
    ['a fraction', 'days=1.5', ['days']],
  ])('refuses %s with 400', async (_, query, fields) => {
    const res = await t.call(`/statistics?${query}`);
    expect(res.status).toBe(400);
    expect((await body<Problem>(res)).errors?.map((e) => e.field)).toEqual(fields);
  });
});

describe('deep pages', () => {
  it('sorts a page far down a long list the same way as the first pages', async () => {
    const first = await body<CallPage>(await t.call('/voip/calls?sort=-durationSeconds&pageSize=100&page=1'));
    const deep = await body<CallPage>(
      await t.call(`/voip/calls?sort=-durationSeconds&pageSize=100&page=${first.totalPages}`),
    );
    expect(deep.items.length).toBeGreaterThan(0);
    expect(Math.max(...deep.items.map((c) => c.durationSeconds))).toBeLessThanOrEqual(
      Math.min(...first.items.map((c) => c.durationSeconds)),
    );
  });
});

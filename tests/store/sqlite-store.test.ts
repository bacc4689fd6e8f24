import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Problem, Topic } from '../../profiles/call-center/models.ts';
import { oneLine, openMock, runCli, storeDir } from './support.ts';

const dir = await storeDir();

describe('MOCK_DB=*.sqlite', () => {
  it('keeps every answered write, and the seeded history, across a restart', async () => {
    const db = join(dir, 'restart.sqlite');
    const first = await openMock(db);
    const created = (await (
      await first.call('/topics', { method: 'POST', body: JSON.stringify({ name: 'Kept topic' }) })
    ).json()) as Topic;
    const before = await (await first.call('/statistics?months=12')).json();
    const page = await (
      await first.call('/voip/calls?status=completed&sort=-durationSeconds&pageSize=5')
    ).json();
    await first.mock.close();

    const second = await openMock(db);
    try {
      expect((await second.call(`/topics/${created.id}`)).status).toBe(200);
      expect(await (await second.call('/statistics?months=12')).json()).toEqual(before);
      expect(
        await (await second.call('/voip/calls?status=completed&sort=-durationSeconds&pageSize=5')).json(),
      ).toEqual(page);
      expect(second.mock.ctx.store.collection('calls').size).toBe(200);
    } finally {
      await second.mock.close();
    }
  });

  it('refuses a second process on the file with one line naming the first', async () => {
    for (const name of ['taken.sqlite', 'taken.json']) {
      const db = join(dir, name);
      const holder = await openMock(db);
      try {
        const { code, output } = await runCli({ MOCK_DB: db });
        expect(code).toBe(1);
        expect(oneLine(output)).toContain(`in use by process ${process.pid}`);
      } finally {
        await holder.mock.close();
      }
    }
  });

  it('takes over the lock of a process that died without letting go', async () => {
    const db = join(dir, 'stale.sqlite');
    await writeFile(`${db}.lock`, '2147483646\n');
    const { mock } = await openMock(db);
    await mock.close();
  });

  it('refuses a write the disk has no room for with a 409 storage_full problem, and keeps nothing of it', async () => {
    const db = join(dir, 'full.sqlite');
    const { mock, call } = await openMock(db, { calls: 20, dbMaxMb: 1 });
    const answered: string[] = [];
    let refused: Response | undefined;
    try {
      for (let i = 0; i < 5000 && !refused; i++) {
        const res = await call('/topics', {
          method: 'POST',
          body: JSON.stringify({ name: `Filler ${i}`, description: 'x'.repeat(400) }),
        });
        if (res.status === 201) answered.push(((await res.json()) as Topic).id);
        else refused = res;
      }
      expect(refused?.status).toBe(409);
      expect(refused?.headers.get('content-type')).toContain('application/problem+json');
      expect(((await (refused as Response).json()) as Problem).code).toBe('storage_full');
    } finally {
      await mock.close();
    }
    const again = await openMock(db, { calls: 20 });
    try {
      const topics = again.mock.ctx.store.collection('topics');
      for (const id of answered) expect(topics.get(id)).toBeDefined();
      expect(
        topics.find({ where: [{ fields: ['name'], match: 'equals', value: `Filler ${answered.length}` }] })
          .total,
      ).toBe(0);
    } finally {
      await again.mock.close();
    }
  });
});

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Snapshot } from '../../mock/store/store.ts';
import { bin, run } from '../support/processes.ts';
import { openMock, storeDir } from './support.ts';

const dir = await storeDir();
const SEED = { MOCK_CALLS: '200', MOCK_SEED_DATE: '2026-11-01', MOCK_LOG: 'off' };

/** Records by collection, each collection sorted by id: the same state whatever the file's order. */
function byId(snapshot: Snapshot): Snapshot {
  return Object.fromEntries(
    Object.entries(snapshot).map(([name, records]) => [
      name,
      [...records].sort((a, b) => (String(a.id) < String(b.id) ? -1 : 1)),
    ]),
  );
}

describe('npm run db:export and db:import', () => {
  it('round-trip a state: SQLite to db.json to SQLite, every record the same', async () => {
    const source = join(dir, 'source.sqlite');
    const { mock, call } = await openMock(source);
    await call('/topics', { method: 'POST', body: JSON.stringify({ name: 'Exported topic' }) });
    const original = byId(mock.ctx.store.snapshot());
    await mock.close();

    const exported = join(dir, 'exported.json');
    const out = await run(
      bin('tsx'),
      ['scripts/db/export-db.ts', exported],
      { ...SEED, MOCK_DB: source },
      { timeoutMs: 60_000 },
    );
    expect(out.output).toContain(`to ${exported}`);
    expect(out.code).toBe(0);
    const json = JSON.parse(await readFile(exported, 'utf8')) as Snapshot;
    expect(byId(json)).toEqual(original);

    const imported = join(dir, 'imported.sqlite');
    const back = await run(bin('tsx'), ['scripts/db/import-db.ts', exported, imported], SEED, {
      timeoutMs: 60_000,
    });
    expect(back.output).toContain(`into ${imported}`);
    expect(back.code).toBe(0);
    const again = await openMock(imported);
    try {
      expect(byId(again.mock.ctx.store.snapshot())).toEqual(original);
    } finally {
      await again.mock.close();
    }
  });

  it('export from the file of a running mock, leaving it running: answered writes included', async () => {
    const live = join(dir, 'live.sqlite');
    const { mock, call } = await openMock(live);
    try {
      const created = await call('/topics', { method: 'POST', body: JSON.stringify({ name: 'Live topic' }) });
      expect(created.status).toBe(201);
      const exported = join(dir, 'live.json');
      const out = await run(
        bin('tsx'),
        ['scripts/db/export-db.ts', exported],
        { ...SEED, MOCK_DB: live },
        { timeoutMs: 60_000 },
      );
      expect(out.output).toContain(`records of ${live} to ${exported}`);
      expect(out.code).toBe(0);
      const json = JSON.parse(await readFile(exported, 'utf8')) as Snapshot;
      expect(byId(json)).toEqual(byId(mock.ctx.store.snapshot()));
      // The running mock still has its file and keeps writing to it.
      expect(
        (await call('/topics', { method: 'POST', body: JSON.stringify({ name: 'After export' }) })).status,
      ).toBe(201);
    } finally {
      await mock.close();
    }
  });

  it('says in one line that a store file to export from does not exist', async () => {
    const missing = join(dir, 'missing.sqlite');
    const out = await run(
      bin('tsx'),
      ['scripts/db/export-db.ts', join(dir, 'x.json')],
      { ...SEED, MOCK_DB: missing },
      {
        timeoutMs: 60_000,
      },
    );
    expect(out.code).toBe(1);
    expect(out.output.trim()).toBe(
      `could not export: ${missing} does not exist: MOCK_DB must name a store file to export from`,
    );
  });

  it('never overwrite a state: an import into an existing file is refused', async () => {
    const json = join(dir, 'small.json');
    const seeded = await run(bin('tsx'), ['scripts/db/export-db.ts', json], SEED, { timeoutMs: 60_000 });
    expect(seeded.code).toBe(0);
    const target = join(dir, 'existing.sqlite');
    const { mock } = await openMock(target);
    await mock.close();
    const refused = await run(bin('tsx'), ['scripts/db/import-db.ts', json, target], SEED, {
      timeoutMs: 60_000,
    });
    expect(refused.code).toBe(1);
    expect(refused.output.trim()).toBe(
      `could not import: ${target} exists: an import writes a new file only; name another, or move it away`,
    );
  });
});

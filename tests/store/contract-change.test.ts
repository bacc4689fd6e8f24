import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startMock } from '../../profiles/call-center/package.ts';
import { demoLogin } from '../../scripts/support/demo-login.ts';
import { editedContract } from '../engine/support.ts';
import { TEST_OPTIONS } from '../mock/support.ts';
import { storeDir } from './support.ts';

// A team's SQLite mock outlives a week of contract edits. Restarted on a file written under the
// old contract, the mock must not answer the records the new one refuses (each would be a 500 of
// the response check): they are dropped, as db.json and --watch drop them.
const dir = await storeDir();
const tightened = await editedContract((doc) => {
  for (const name of ['Topic', 'TopicInput']) doc.components.schemas[name].properties.name.maxLength = 12;
});

async function topics(db: string, spec?: string) {
  const mock = await startMock({ ...TEST_OPTIONS, calls: 30, db }, spec);
  try {
    const token = await demoLogin(mock.baseUrl);
    const res = await fetch(`${mock.baseUrl}/topics?pageSize=100`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const qa = await fetch(`${mock.baseUrl}/qa?pageSize=1`, {
      headers: { authorization: `Bearer ${token}` },
    });
    return {
      status: res.status,
      names: ((await res.json()) as { items?: { name: string }[] }).items?.map((t) => t.name) ?? [],
      qaStatus: qa.status,
    };
  } finally {
    await mock.close();
  }
}

describe('an SQLite file restarted under an edited contract', () => {
  it('drops the records the tightened schema refuses and answers the rest', async () => {
    const db = join(dir, 'state.sqlite');
    const before = await topics(db);
    expect(before.status).toBe(200);
    const long = before.names.filter((name) => [...name].length > 12);
    expect(long.length).toBeGreaterThan(0);
    const after = await topics(db, tightened);
    expect(after.status).toBe(200);
    expect(after.names.sort()).toEqual(before.names.filter((name) => [...name].length <= 12).sort());
    expect(after.qaStatus).toBe(200);
    // Back under the first contract: what was dropped stays dropped, the rest is as it was.
    expect((await topics(db)).names.sort()).toEqual(after.names.sort());
  });
});

import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import type { Store } from '../../mock/store/store.ts';

/**
 * Writes a store as a json-server db.json: one top-level array per collection, a record per line.
 * Streamed record by record, so a million calls never become one string (V8 caps a string at about
 * 512 MB); written to a temporary file and renamed, so a failed export leaves no torn file.
 * Answers how many records were written.
 */
export async function writeJsonDb(store: Store, path: string): Promise<number> {
  const temporary = `${path}.${process.pid}.tmp`;
  const out = createWriteStream(temporary);
  const write = async (text: string) => {
    if (!out.write(text)) await once(out, 'drain');
  };
  let count = 0;
  try {
    const names = store.names();
    await write('{\n');
    for (const [i, name] of names.entries()) {
      await write(`  ${JSON.stringify(name)}: [`);
      let first = true;
      for (const record of store.collection(name).all()) {
        await write(`${first ? '\n' : ',\n'}    ${JSON.stringify(record)}`);
        first = false;
        count++;
      }
      await write(`${first ? '' : '\n  '}]${i < names.length - 1 ? ',' : ''}\n`);
    }
    await write('}\n');
    out.end();
    await once(out, 'finish');
    await rename(temporary, path);
  } catch (error) {
    out.destroy();
    await rm(temporary, { force: true });
    throw error;
  }
  return count;
}

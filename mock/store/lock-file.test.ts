import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LockError, LockFile } from './lock-file.ts';
import { removeLeftovers } from './persist.ts';

const dir = await mkdtemp(join(tmpdir(), 'mock-lock-'));
afterAll(() => rm(dir, { recursive: true, force: true }));

/** A process that runs until killed: the "other mock" holding a file. */
function otherProcess() {
  const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
  return { pid: child.pid as number, stop: () => new Promise((done) => child.once('exit', done).kill()) };
}

/** The pid of a process that has exited: what a crashed mock leaves in its lock. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' });
  await new Promise((done) => child.once('exit', done));
  return child.pid as number;
}

describe('one writer per store file', () => {
  it('takes a free file, and lets go of it on release', async () => {
    const file = join(dir, 'free.sqlite');
    const lock = await LockFile.acquire(file);
    expect(await readFile(`${file}.lock`, 'utf8')).toBe(`${process.pid}\n`);
    await lock.release();
    expect(await readdir(dir)).not.toContain('free.sqlite.lock');
  });

  it('refuses a file another live process holds, naming its pid', async () => {
    const file = join(dir, 'taken.sqlite');
    const other = otherProcess();
    try {
      await writeFile(`${file}.lock`, `${other.pid}\n`);
      const refused = LockFile.acquire(file);
      await expect(refused).rejects.toBeInstanceOf(LockError);
      await expect(refused).rejects.toThrow(`in use by process ${other.pid}`);
    } finally {
      await other.stop();
    }
  });

  it('takes over the lock of a process that crashed', async () => {
    const file = join(dir, 'crashed.sqlite');
    await writeFile(`${file}.lock`, `${await deadPid()}\n`);
    const lock = await LockFile.acquire(file);
    expect(await readFile(`${file}.lock`, 'utf8')).toBe(`${process.pid}\n`);
    await lock.release();
  });

  it('takes over a lock left empty by a process that died writing it', async () => {
    const file = join(dir, 'torn.sqlite');
    await writeFile(`${file}.lock`, '');
    await (await LockFile.acquire(file)).release();
  });
});

describe("a db.json's leftover temporary files", () => {
  it('are removed when their process is gone, and kept while it runs', async () => {
    const db = join(dir, 'db.json');
    const other = otherProcess();
    try {
      const dead = await deadPid();
      await writeFile(join(dir, `.db.json.${dead}.tmp`), '{}');
      await writeFile(join(dir, `.db.json.${other.pid}.tmp`), '{}');
      await removeLeftovers(db);
      const left = await readdir(dir);
      expect(left).not.toContain(`.db.json.${dead}.tmp`);
      expect(left).toContain(`.db.json.${other.pid}.tmp`);
    } finally {
      await other.stop();
    }
  });
});

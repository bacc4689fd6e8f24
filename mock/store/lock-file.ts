import { readFileSync } from 'node:fs';
import { open, readFile, rm } from 'node:fs/promises';

/**
 * One writer per store file: `<file>.lock` holds the pid of the process that has the file. A second
 * process is refused with a line naming the first; a lock whose process is gone (killed, crashed)
 * is taken over. Created with O_EXCL, so two processes starting at once cannot both win.
 */
export class LockFile {
  private constructor(readonly path: string) {}

  static async acquire(file: string): Promise<LockFile> {
    const path = `${file}.lock`;
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        const handle = await open(path, 'wx');
        await handle.writeFile(`${process.pid}\n`);
        await handle.close();
        return new LockFile(path);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code !== 'EEXIST') throw lockProblem(file, error as NodeJS.ErrnoException);
      }
      const owner = Number.parseInt(await readFile(path, 'utf8').catch(() => ''), 10);
      if (Number.isInteger(owner) && owner !== process.pid && isAlive(owner))
        throw new LockError(
          `${file} is in use by process ${owner} (lock ${path}): stop it, or name another file`,
        );
      // Left by a process that no longer runs (or half-written by one that died creating it).
      await rm(path, { force: true });
    }
    throw new LockError(`${file}: could not take its lock ${path}, other processes keep taking it`);
  }

  async release(): Promise<void> {
    await rm(this.path, { force: true });
  }
}

/** Refusals of a lock: printed alone by the CLI, exit 1. */
export class LockError extends Error {}

/**
 * Whether a process of this pid runs (signal 0 checks without sending anything). A zombie (killed,
 * not yet reaped: in a container whose first process reaps nothing, it stays one) runs no more.
 */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    // EPERM: it runs, under another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return true; // no /proc (not Linux): signal 0 is all there is to go by
  }
}

function lockProblem(file: string, error: NodeJS.ErrnoException): LockError {
  if (error.code === 'EACCES' || error.code === 'EROFS' || error.code === 'EPERM')
    return new LockError(`${file} cannot be written: its folder is read-only (${error.code})`);
  if (error.code === 'ENOENT') return new LockError(`${file} cannot be made: its folder does not exist`);
  return new LockError(`${file}: could not take its lock (${error.message})`);
}

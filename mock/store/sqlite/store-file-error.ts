/**
 * A store file the mock cannot use (corrupt, of another program, not writable, a full disk), said
 * in one line that names the file. The CLI prints the message alone and exits 1; a request whose
 * write it refused is answered with the `storage_full` or `internal_error` problem, never a trace.
 */
export class StoreFileError extends Error {
  constructor(
    message: string,
    /** SQLite's or the system's code (`SQLITE_FULL`, `EACCES`), when it came from one. */
    readonly code?: string,
  ) {
    super(message);
  }

  /** True when the disk (or the file's size cap) has no room for the write. */
  get full(): boolean {
    return this.code === 'SQLITE_FULL' || this.code === 'ENOSPC' || this.code === 'TOO_BIG';
  }

  /** Turns SQLite's and the system's errors into one line about `path`. */
  static from(path: string, error: unknown): StoreFileError {
    if (error instanceof StoreFileError) return error;
    const code = (error as { code?: string }).code ?? '';
    const detail = (error as Error).message;
    const base = code;
    if (base.startsWith('SQLITE_NOTADB') || base.startsWith('SQLITE_CORRUPT'))
      return new StoreFileError(
        `${path} is not a usable SQLite file (${detail}); move it away or name another file`,
        code,
      );
    if (base.startsWith('SQLITE_FULL') || code === 'ENOSPC')
      return new StoreFileError(
        `${path}: the disk is full (${detail}); nothing of the refused write was kept`,
        'SQLITE_FULL',
      );
    if (
      base.startsWith('SQLITE_READONLY') ||
      base.startsWith('SQLITE_CANTOPEN') ||
      code === 'EACCES' ||
      code === 'EROFS'
    )
      return new StoreFileError(
        `${path} cannot be written (${detail}): check that its folder exists and is writable`,
        code,
      );
    return new StoreFileError(`${path}: ${detail}`, code);
  }
}

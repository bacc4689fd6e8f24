import Database from 'better-sqlite3';

/**
 * Why SQLite cannot be opened in this Node, or undefined when it can. better-sqlite3 is a native
 * addon built for one Node version: CI installs the suite once on Node 20 and then runs the quick
 * tests on Node 22 and 24 with the same node_modules, offline, where no binary for those versions
 * can be downloaded or compiled (no headers). Tests of the SQLite store skip there, saying why;
 * on the Node the suite was installed with, a broken addon still fails them.
 */
export const sqliteUnavailable: string | undefined = probe();
if (sqliteUnavailable) console.warn(`SQLite tests skipped: ${sqliteUnavailable}`);

function probe(): string | undefined {
  try {
    new Database(':memory:').close();
    return undefined;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (!/NODE_MODULE_VERSION|compiled against a different Node/.test(message)) throw error;
    return `better-sqlite3 was built for another Node than ${process.version}: ${message.split('\n')[0]}`;
  }
}

import type { SeedCache, SeededState } from '../store/seeded-state.ts';

// The few IndexedDB shapes used here (the project's types are Node's, without the DOM's).
interface Request<T> {
  result: T;
  onsuccess: (() => void) | null;
  onerror: (() => void) | null;
}
interface Store {
  get(key: string): Request<SeededState | undefined>;
  put(value: SeededState, key: string): Request<unknown>;
  clear(): Request<undefined>;
}
interface Database {
  objectStoreNames: { contains(name: string): boolean };
  createObjectStore(name: string): Store;
  transaction(name: string, mode: 'readonly' | 'readwrite'): { objectStore(name: string): Store };
}
interface OpenRequest extends Request<Database> {
  onupgradeneeded: (() => void) | null;
  onblocked: (() => void) | null;
}
interface Factory {
  open(name: string, version: number): OpenRequest;
}

const DATABASE = 'msw-mock-seed';
const STORE = 'seeds';
/** How long a page waits on IndexedDB (opening, reading) before it seeds instead. */
const WAIT_MS = 2000;

/** A request's result, or undefined on an error or past the bound: the cache never fails a start. */
function settle<T>(request: Request<T>): Promise<T | undefined> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(undefined), WAIT_MS);
    request.onsuccess = () => {
      clearTimeout(timer);
      resolve(request.result);
    };
    request.onerror = () => {
      clearTimeout(timer);
      resolve(undefined);
    };
  });
}

/**
 * The seeded state kept in the page's IndexedDB between loads, as a server keeps it in a folder
 * (store/seed-cache.ts): the next load of the page (every reload while a frontend is developed)
 * reads the records instead of generating and checking them again, most of the mock's start. Named
 * by the SHA-256 of the build and everything that decides the seed, so nothing is ever stale; one
 * state is kept (the last written). Written after the start, not before it. Undefined where the
 * page has no IndexedDB. The database is opened at once, so that a read finds it open.
 */
export function indexedDbSeedCache(build: string): SeedCache | undefined {
  const factory = (globalThis as { indexedDB?: Factory }).indexedDB;
  if (!factory) return undefined;
  let opened: Promise<Database | undefined> | undefined;
  const open = () => {
    opened ??= (() => {
      const request = factory.open(DATABASE, 1);
      request.onupgradeneeded = () => {
        if (!request.result.objectStoreNames.contains(STORE)) request.result.createObjectStore(STORE);
      };
      request.onblocked = () => request.onerror?.();
      return settle(request);
    })();
    return opened;
  };
  // Opened now, not at the first read: the page loads its contract and builds its core meanwhile,
  // and opening (creating, on a first visit) the database is most of a read's 10 to 27 ms.
  void open();
  const name = async (key: string) => {
    const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(`${build}\0${key}`));
    return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
  };
  return {
    async read(key) {
      const database = await open();
      if (!database) return undefined;
      try {
        return await settle(
          database
            .transaction(STORE, 'readonly')
            .objectStore(STORE)
            .get(await name(key)),
        );
      } catch {
        return undefined;
      }
    },
    async write(key, state) {
      // In the background, once the page is idle (within 2 s): IndexedDB copies the records on the
      // main thread, tens of milliseconds the page's first answers should not wait for.
      const idle =
        (globalThis as { requestIdleCallback?: (run: () => void, o: { timeout: number }) => void })
          .requestIdleCallback ?? ((run: () => void) => setTimeout(run, 0));
      idle(
        () =>
          void (async () => {
            const database = await open();
            if (!database) return;
            const id = await name(key);
            const store = database.transaction(STORE, 'readwrite').objectStore(STORE);
            store.clear();
            await settle(store.put(state, id));
          })().catch(() => undefined),
        { timeout: WAIT_MS },
      );
    },
  };
}

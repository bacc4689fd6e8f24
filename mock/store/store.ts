import type { Collection, StoredRecord } from './collection.ts';
import { MemoryCollection } from './memory-collection.ts';

/** The state as json-server keeps it: one top-level array per collection. */
export type Snapshot = Record<string, StoredRecord[]>;

/**
 * What a backend is told about a collection so that it can index it: the fields the contract
 * filters and sorts it by (engine/stored-fields.ts reads them from the contract), and the field
 * its lists are ordered by unless a request asks otherwise.
 */
export interface CollectionPlan {
  indexed: string[];
  orderField?: string | undefined;
}

/** Where collections live: in memory (the default) or in an SQLite file (store/sqlite/). */
export interface StoreBackend {
  readonly kind: 'memory' | 'sqlite';
  collection(name: string, idField: string, plan: CollectionPlan): Collection;
  /** Runs a load of every collection as one unit (one transaction of a file), when the backend can. */
  loadAll?(work: () => void): void;
}

export const memoryBackend: StoreBackend = {
  kind: 'memory',
  collection: (_name, idField) => new MemoryCollection(idField),
};

/**
 * The mock's state behind a small interface: named collections, a snapshot and a load. Which
 * collections exist is decided by the contract (the engine defines one per recognised resource),
 * never by this class. Records are stored exactly as the API answers them, so a snapshot is also a
 * valid db.json for json-server.
 */
export class Store {
  private readonly byName = new Map<string, Collection>();
  /** How many times each collection has changed (written or loaded): see version(). */
  private readonly versions = new Map<string, number>();

  constructor(readonly backend: StoreBackend = memoryBackend) {}

  /** Adds a collection (once); answers the existing one when the name is already defined. */
  define(name: string, idField = 'id', plan: CollectionPlan = { indexed: [] }): Collection {
    let collection = this.byName.get(name);
    if (!collection) {
      collection = this.backend.collection(name, idField, plan);
      this.byName.set(name, collection);
      this.versions.set(name, 0);
      const changed = () => this.versions.set(name, (this.versions.get(name) as number) + 1);
      collection.onChange(changed);
      // A load is also a seed made on first use, and an SQLite file reread after a rolled-back write.
      collection.onLoad(changed);
    }
    return collection;
  }

  /**
   * A number that changes whenever the collection does (an insert, a replace, a remove, a load), so
   * that what was computed from its content can be kept until then: the core keeps a list's answer
   * per query while the version it was made at holds. -1 for a collection that is not defined.
   */
  version(name: string): number {
    return this.versions.get(name) ?? -1;
  }

  has(name: string): boolean {
    return this.byName.has(name);
  }

  /** A defined collection; throws naming it when the contract defines none of that name. */
  collection<T extends object = StoredRecord>(name: string): Collection<T> {
    const collection = this.byName.get(name);
    if (!collection) throw new Error(`the store has no collection named ${name}`);
    return collection as unknown as Collection<T>;
  }

  names(): string[] {
    return [...this.byName.keys()];
  }

  /** Records in all collections. */
  get size(): number {
    let n = 0;
    for (const collection of this.byName.values()) n += collection.size;
    return n;
  }

  snapshot(): Snapshot {
    const snapshot: Snapshot = {};
    for (const [name, collection] of this.byName) snapshot[name] = [...collection.all()];
    return snapshot;
  }

  /**
   * Replaces every collection's content. Collections the snapshot lacks are emptied; arrays of
   * collections the contract no longer has are left out and named in the answer.
   */
  load(snapshot: Snapshot): string[] {
    const work = () => {
      for (const [name, collection] of this.byName) collection.load(snapshot[name] ?? []);
    };
    if (this.backend.loadAll) this.backend.loadAll(work);
    else work();
    return Object.keys(snapshot).filter((name) => !this.byName.has(name));
  }

  /** Calls `listener` after any change of any collection. */
  onAnyChange(listener: (collection: string) => void): void {
    for (const [name, collection] of this.byName) collection.onChange(() => listener(name));
  }
}

/** Text as the uniqueness rules compare it: case-insensitive, runs of spaces collapsed, ends trimmed. */
export function sameText(text: unknown): string {
  // String(): a record edited by hand (MOCK_DB, a test) may hold a non-string; it must not crash.
  return String(text).trim().replace(/\s+/g, ' ').toLocaleLowerCase();
}

import type { Collection } from './collection.ts';

/**
 * Finds a record by a normalised key (a topic's name, a pair's question) without scanning the
 * collection: a create that checks for a duplicate stays O(1) however many records there are.
 */
export class UniqueIndex<T extends object> {
  private readonly byKey = new Map<string, T>();

  constructor(
    private readonly collection: Collection<T>,
    private readonly keyOf: (record: T) => string | undefined,
  ) {
    collection.onLoad(() => this.rebuild());
    collection.onChange((kind, record, previous) => {
      if (previous) this.drop(previous);
      if (kind === 'remove') this.drop(record);
      else this.hold(record);
    });
  }

  /** The record whose key equals `key`'s, if any. */
  find(key: string): T | undefined {
    return this.byKey.get(key);
  }

  rebuild(): void {
    this.byKey.clear();
    for (const record of this.collection.all()) this.hold(record);
  }

  /** Records without a key (the unique field left out) are not indexed: nothing can clash with them. */
  private hold(record: T): void {
    const key = this.keyOf(record);
    if (key !== undefined) this.byKey.set(key, record);
  }

  private drop(record: T): void {
    const key = this.keyOf(record);
    if (key === undefined) return;
    const held = this.byKey.get(key);
    if (held && this.collection.keyOf(held) === this.collection.keyOf(record)) this.byKey.delete(key);
  }
}

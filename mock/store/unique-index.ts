import type { Collection, Identified } from './collection.ts';

/**
 * Finds a record by a normalised key (a topic's name, a pair's question) without scanning the
 * collection: a create that checks for a duplicate stays O(1) however many records there are.
 */
export class UniqueIndex<T extends Identified> {
  private readonly byKey = new Map<string, T>();

  constructor(
    private readonly collection: Collection<T>,
    private readonly keyOf: (record: T) => string,
  ) {
    collection.onChange((kind, record, previous) => {
      if (previous) this.drop(previous);
      if (kind === 'remove') this.drop(record);
      else this.byKey.set(this.keyOf(record), record);
    });
  }

  /** The record whose key equals `key`'s, if any. */
  find(key: string): T | undefined {
    return this.byKey.get(key);
  }

  rebuild(): void {
    this.byKey.clear();
    for (const record of this.collection.all()) this.byKey.set(this.keyOf(record), record);
  }

  private drop(record: T): void {
    const key = this.keyOf(record);
    if (this.byKey.get(key)?.id === record.id) this.byKey.delete(key);
  }
}

import type { ChangeListener, Collection, Condition, RecordQuery, StoredRecord } from './collection.ts';
import type { CollectionPlan, StoreBackend } from './store.ts';

/**
 * A collection whose seed is made when it is first used (read, counted, written), not at start:
 * a contract of 148 collections starts in the time of the few a client touches. A `load()` (a
 * snapshot, a reset) replaces a pending seed. Listeners are the inner collection's own, so
 * registering one fills nothing.
 */
export class SeedOnFirstUse<T extends object = StoredRecord> implements Collection<T> {
  private pending: (() => Iterable<T>) | undefined;

  constructor(private readonly inner: Collection<T>) {}

  /** Seeds the collection with `fill()` on its first use, instead of now. */
  later(fill: () => Iterable<T>): void {
    this.pending = fill;
  }

  /** True while the seed is still to be made. */
  get waiting(): boolean {
    return this.pending !== undefined;
  }

  private ready(): Collection<T> {
    const fill = this.pending;
    if (fill) {
      this.pending = undefined;
      this.inner.load(fill());
    }
    return this.inner;
  }

  get idField(): string {
    return this.inner.idField;
  }
  get size(): number {
    return this.ready().size;
  }
  keyOf(record: T): string {
    return this.inner.keyOf(record);
  }
  get(id: string | number): T | undefined {
    return this.ready().get(id);
  }
  all(): IterableIterator<T> {
    return this.ready().all();
  }
  find(query: RecordQuery) {
    return this.ready().find(query);
  }
  count(where: Condition[]): number {
    return this.ready().count(where);
  }
  insert(record: T): T {
    return this.ready().insert(record);
  }
  replace(record: T): T | undefined {
    return this.ready().replace(record);
  }
  remove(id: string | number): T | undefined {
    return this.ready().remove(id);
  }
  load(records: Iterable<T>): void {
    this.pending = undefined;
    this.inner.load(records);
  }
  onLoad(listener: () => void): void {
    this.inner.onLoad(listener);
  }
  onChange(listener: ChangeListener<T>): void {
    this.inner.onChange(listener);
  }
}

/** A backend whose collections are SeedOnFirstUse around the given backend's. */
export function seedOnFirstUse(backend: StoreBackend): StoreBackend {
  return {
    kind: backend.kind,
    collection: (name: string, idField: string, plan: CollectionPlan) =>
      new SeedOnFirstUse(backend.collection(name, idField, plan)),
    ...(backend.loadAll ? { loadAll: backend.loadAll.bind(backend) } : {}),
  };
}

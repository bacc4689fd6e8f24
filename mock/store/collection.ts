/**
 * A collection of records keyed by id, in insertion order. Misses answer `undefined`; the caller
 * decides whether that is a 404. Every change is reported to `onChange` so that persistence and the
 * real-time channel can follow without the routes knowing about either.
 */
export interface Identified {
  id: string;
}

export type ChangeKind = 'insert' | 'update' | 'remove';
export type ChangeListener<T> = (kind: ChangeKind, record: T, previous?: T) => void;

/**
 * Records are values: a change replaces a record with a new object, never edits one in place, so
 * that what was stringified or checked once (RecordMemo) stays true. What insert and replace are
 * given is frozen to hold everyone to that; a seed's records are only ever loaded, never edited.
 */
export class Collection<T extends Identified> {
  private readonly byId = new Map<string, T>();
  private readonly listeners: ChangeListener<T>[] = [];
  /** The last sorted() answer and its order; dropped on every change. */
  private ordered: T[] | undefined;
  private order: ((a: T, b: T) => number) | undefined;

  get size(): number {
    return this.byId.size;
  }

  get(id: string): T | undefined {
    return this.byId.get(id);
  }

  all(): IterableIterator<T> {
    return this.byId.values();
  }

  /**
   * Every record in `order`, sorted once per change of the collection rather than once per list
   * request. The array is shared: callers must not modify it.
   */
  sorted(order: (a: T, b: T) => number): readonly T[] {
    if (this.order !== order || !this.ordered) {
      this.ordered = [...this.byId.values()].sort(order);
      this.order = order;
    }
    return this.ordered;
  }

  insert(record: T): T {
    if (this.byId.has(record.id)) throw new Error(`duplicate id ${record.id}`);
    Object.freeze(record);
    this.byId.set(record.id, record);
    this.emit('insert', record);
    return record;
  }

  /** Replaces a record; answers undefined when there is none with this id. */
  replace(record: T): T | undefined {
    const previous = this.byId.get(record.id);
    if (!previous) return undefined;
    Object.freeze(record);
    this.byId.set(record.id, record);
    this.emit('update', record, previous);
    return record;
  }

  remove(id: string): T | undefined {
    const previous = this.byId.get(id);
    if (!previous) return undefined;
    this.byId.delete(id);
    this.emit('remove', previous);
    return previous;
  }

  /** Replaces the whole content without reporting changes (loading a snapshot or a seed). */
  load(records: Iterable<T>): void {
    this.ordered = undefined;
    this.byId.clear();
    for (const r of records) this.byId.set(r.id, r);
  }

  onChange(listener: ChangeListener<T>): void {
    this.listeners.push(listener);
  }

  private emit(kind: ChangeKind, record: T, previous?: T): void {
    this.ordered = undefined;
    for (const l of this.listeners) l(kind, record, previous);
  }
}

/**
 * A collection of records keyed by their id field (`id` unless the contract names another), in
 * insertion order. Misses answer `undefined`; the caller decides whether that is a 404. Every change
 * is reported to `onChange` so that persistence and the real-time channel can follow without the
 * routes knowing about either.
 */
export interface Identified {
  id: string;
}

/** Any stored record: a JSON object as the API answers it. */
export type StoredRecord = Record<string, unknown>;

export type ChangeKind = 'insert' | 'update' | 'remove';
export type ChangeListener<T> = (kind: ChangeKind, record: T, previous?: T) => void;

/**
 * Records are values: a change replaces a record with a new object, never edits one in place, so
 * that what was stringified or checked once (RecordMemo) stays true. What insert and replace are
 * given is frozen to hold everyone to that; a seed's records are only ever loaded, never edited.
 */
export class Collection<T extends object = StoredRecord> {
  private readonly byId = new Map<string, T>();

  /** `idField` names the field that keys a record; integer ids are keyed by their text. */
  constructor(readonly idField = 'id') {}

  /** The key of a record: its id field as text. */
  keyOf(record: T): string {
    return String((record as Record<string, unknown>)[this.idField]);
  }
  private readonly listeners: ChangeListener<T>[] = [];
  private readonly loadListeners: (() => void)[] = [];
  /** The last sorted() answer and its order; dropped on every change. */
  private ordered: T[] | undefined;
  private order: ((a: T, b: T) => number) | undefined;

  get size(): number {
    return this.byId.size;
  }

  get(id: string | number): T | undefined {
    return this.byId.get(String(id));
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
    const key = this.keyOf(record);
    if (this.byId.has(key)) throw new Error(`duplicate id ${key}`);
    Object.freeze(record);
    this.byId.set(key, record);
    this.emit('insert', record);
    return record;
  }

  /** Replaces a record; answers undefined when there is none with this id. */
  replace(record: T): T | undefined {
    const key = this.keyOf(record);
    const previous = this.byId.get(key);
    if (!previous) return undefined;
    Object.freeze(record);
    this.byId.set(key, record);
    this.emit('update', record, previous);
    return record;
  }

  remove(id: string | number): T | undefined {
    const key = String(id);
    const previous = this.byId.get(key);
    if (!previous) return undefined;
    this.byId.delete(key);
    this.emit('remove', previous);
    return previous;
  }

  /** Replaces the whole content without reporting changes (loading a snapshot or a seed). */
  load(records: Iterable<T>): void {
    this.ordered = undefined;
    this.byId.clear();
    for (const r of records) this.byId.set(this.keyOf(r), r);
    for (const l of this.loadListeners) l();
  }

  /** Calls `listener` after every load(), for indexes that rebuild from the whole content. */
  onLoad(listener: () => void): void {
    this.loadListeners.push(listener);
  }

  onChange(listener: ChangeListener<T>): void {
    this.listeners.push(listener);
  }

  private emit(kind: ChangeKind, record: T, previous?: T): void {
    this.ordered = undefined;
    for (const l of this.listeners) l(kind, record, previous);
  }
}

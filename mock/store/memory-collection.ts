import type {
  ChangeKind,
  ChangeListener,
  Collection,
  Condition,
  Page,
  RecordQuery,
  StoredRecord,
} from './collection.ts';
import { matchesAll, orderName, orderOf } from './match-records.ts';

/**
 * A collection held in a Map, in insertion order: the default store, and the fastest. A sorted copy
 * of every record is kept per order asked for and dropped on every change, so an unfiltered list
 * read costs a slice rather than a sort.
 */
export class MemoryCollection<T extends object = StoredRecord> implements Collection<T> {
  private readonly byId = new Map<string, T>();
  private readonly listeners: ChangeListener<T>[] = [];
  private readonly loadListeners: (() => void)[] = [];
  /** Every record sorted by an order, by the order's name; cleared on every change. */
  private readonly ordered = new Map<string, T[]>();

  constructor(readonly idField = 'id') {}

  keyOf(record: T): string {
    return String((record as Record<string, unknown>)[this.idField]);
  }

  get size(): number {
    return this.byId.size;
  }

  get(id: string | number): T | undefined {
    return this.byId.get(String(id));
  }

  all(): IterableIterator<T> {
    return this.byId.values();
  }

  find(query: RecordQuery): Page<T> {
    const order = query.order ?? [];
    let matches: readonly T[] = this.sorted(order);
    if (query.where && query.where.length > 0) {
      const pass = matchesAll(query.where) as (record: T) => boolean;
      matches = matches.filter(pass);
    }
    const offset = query.offset ?? 0;
    const items =
      query.limit === undefined ? matches.slice(offset) : matches.slice(offset, offset + query.limit);
    return { items, total: matches.length };
  }

  count(where: Condition[]): number {
    const pass = matchesAll(where) as (record: T) => boolean;
    let n = 0;
    for (const record of this.byId.values()) if (pass(record)) n++;
    return n;
  }

  /** Every record in `order`, sorted once per change; the array is shared, never modified. */
  private sorted(order: NonNullable<RecordQuery['order']>): readonly T[] {
    const name = orderName(order);
    let list = this.ordered.get(name);
    if (!list) {
      const compare = orderOf(order, this.idField) as ((a: T, b: T) => number) | undefined;
      list = compare ? [...this.byId.values()].sort(compare) : [...this.byId.values()];
      this.ordered.set(name, list);
    }
    return list;
  }

  insert(record: T): T {
    const key = this.keyOf(record);
    if (this.byId.has(key)) throw new Error(`duplicate id ${key}`);
    Object.freeze(record);
    this.byId.set(key, record);
    this.emit('insert', record);
    return record;
  }

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

  load(records: Iterable<T>): void {
    this.ordered.clear();
    this.byId.clear();
    for (const r of records) this.byId.set(this.keyOf(r), r);
    for (const l of this.loadListeners) l();
  }

  onLoad(listener: () => void): void {
    this.loadListeners.push(listener);
  }

  onChange(listener: ChangeListener<T>): void {
    this.listeners.push(listener);
  }

  private emit(kind: ChangeKind, record: T, previous?: T): void {
    this.ordered.clear();
    for (const l of this.listeners) l(kind, record, previous);
  }
}

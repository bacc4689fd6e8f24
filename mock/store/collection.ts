/**
 * What a collection of records answers, whichever backend keeps it: in memory (MemoryCollection,
 * the default) or in an SQLite file (SqliteCollection, `MOCK_DB=*.sqlite`). Records are keyed by
 * their id field (`id` unless the contract names another). Misses answer `undefined`; the caller
 * decides whether that is a 404. Every change is reported to `onChange` so that persistence, indexes
 * and the real-time channel follow without the routes knowing about any of them.
 */
export interface Identified {
  id: string;
}

/** Any stored record: a JSON object as the API answers it. */
export type StoredRecord = Record<string, unknown>;

export type ChangeKind = 'insert' | 'update' | 'remove';
export type ChangeListener<T> = (kind: ChangeKind, record: T, previous?: T) => void;

/** How a condition compares a record's field with the wanted value (the contract's filter rules). */
export type Match = 'equals' | 'in' | 'contains' | 'gte' | 'gt' | 'lte' | 'lt';

/** A record passes when any of `fields` matches `value`. */
export interface Condition {
  fields: readonly string[];
  match: Match;
  value: unknown;
}

/** One key of an order; ties of every key are broken by the id, ascending. */
export interface OrderKey {
  field: string;
  desc?: boolean;
  /** Compare as text of this locale (`uz`) rather than by code points. */
  locale?: string | undefined;
}

/** A page of matches: `order` empty keeps the insertion order; no `limit` answers every match. */
export interface RecordQuery {
  where?: Condition[];
  order?: OrderKey[];
  offset?: number;
  limit?: number;
}

export interface Page<T> {
  items: T[];
  /** How many records match, beyond the page. */
  total: number;
}

/**
 * Records are values: a change replaces a record with a new object, never edits one in place, so
 * that what was stringified or checked once (RecordMemo) stays true. What insert and replace are
 * given is frozen to hold everyone to that.
 */
export interface Collection<T extends object = StoredRecord> {
  readonly idField: string;
  readonly size: number;
  /** The key of a record: its id field as text (integer ids are keyed by their text). */
  keyOf(record: T): string;
  get(id: string | number): T | undefined;
  /** Every record, in insertion order. */
  all(): IterableIterator<T>;
  /** One page of the records matching `query.where`, in `query.order`, and how many match. */
  find(query: RecordQuery): Page<T>;
  /** How many records match every condition. */
  count(where: Condition[]): number;
  insert(record: T): T;
  /** Replaces a record; answers undefined when there is none with this id. */
  replace(record: T): T | undefined;
  remove(id: string | number): T | undefined;
  /** Replaces the whole content without reporting changes (loading a snapshot or a seed). */
  load(records: Iterable<T>): void;
  /** Calls `listener` after every load(), for indexes that rebuild from the whole content. */
  onLoad(listener: () => void): void;
  onChange(listener: ChangeListener<T>): void;
}

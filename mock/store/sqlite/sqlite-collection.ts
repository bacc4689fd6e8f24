import type { Database, Statement } from 'better-sqlite3';
import type {
  ChangeListener,
  Collection,
  Condition,
  OrderKey,
  Page,
  RecordQuery,
  StoredRecord,
} from '../collection.ts';
import { orderOf } from '../match-records.ts';
import type { CollectionPlan } from '../store.ts';
import { type Columns, ident, jsonPath, orderSql, whereSql } from './query-sql.ts';

/** What a collection needs of the store it lives in: to open a write and to bulk-load. */
export interface WriteScope {
  /** Called before every change: opens the transaction that the next flush commits. */
  beginChange(): void;
  /** Runs `work` in one transaction, with the profile's aggregate triggers told to stand aside. */
  bulk(work: () => void): void;
}

/**
 * A collection kept in one SQLite table: `key` (the id as text, unique), `record` (the record as
 * JSON), and one generated column per field the contract filters or sorts by, each indexed with the
 * list order after it, so that a filtered, sorted page is an index range and never a scan of the
 * records. Nothing is held in memory but the count: a million calls cost their file, not the heap.
 */
export class SqliteCollection<T extends object = StoredRecord> implements Collection<T> {
  readonly table: string;
  private readonly listeners: ChangeListener<T>[] = [];
  private readonly loadListeners: (() => void)[] = [];
  private readonly indexed: Set<string>;
  private readonly columns: Columns;
  private readonly statements: Record<'get' | 'insert' | 'update' | 'delete' | 'all' | 'count', Statement>;
  private readonly cache = new Map<string, Statement>();
  private counted: number;

  constructor(
    private readonly db: Database,
    private readonly scope: WriteScope,
    readonly name: string,
    readonly idField: string,
    plan: CollectionPlan,
  ) {
    this.table = ident(name);
    this.indexed = new Set([...plan.indexed, idField]);
    this.columns = {
      of: (field) =>
        this.indexed.has(field) ? columnName(field) : `json_extract(record, ${jsonPath(field)})`,
      tie: columnName(idField),
    };
    this.createTable(plan);
    const t = this.table;
    this.statements = {
      get: db.prepare(`SELECT record FROM ${t} WHERE key = ?`).pluck(),
      insert: db.prepare(`INSERT INTO ${t} (key, record) VALUES (?, ?)`),
      update: db.prepare(`UPDATE ${t} SET record = ? WHERE key = ?`),
      delete: db.prepare(`DELETE FROM ${t} WHERE key = ?`),
      all: db.prepare(`SELECT record FROM ${t} ORDER BY rowid`).pluck(),
      count: db.prepare(`SELECT count(*) FROM ${t}`).pluck(),
    };
    this.counted = this.statements.count.get() as number;
  }

  /** The table, its generated columns and their indexes, added to a file made by an older contract. */
  private createTable(plan: CollectionPlan): void {
    const t = this.table;
    this.db.exec(`CREATE TABLE IF NOT EXISTS ${t} (key TEXT NOT NULL UNIQUE, record TEXT NOT NULL)`);
    const existing = new Set(
      (this.db.prepare(`SELECT name FROM pragma_table_xinfo(?)`).pluck().all(this.name) as string[]) ?? [],
    );
    for (const field of this.indexed) {
      const column = columnName(field);
      if (!existing.has(column.slice(1, -1)))
        this.db.exec(
          `ALTER TABLE ${t} ADD COLUMN ${column} GENERATED ALWAYS AS (json_extract(record, ${jsonPath(field)})) VIRTUAL`,
        );
    }
    const tie = columnName(this.idField);
    const order =
      plan.orderField && this.indexed.has(plan.orderField) ? columnName(plan.orderField) : undefined;
    for (const field of this.indexed) {
      const keys = [columnName(field), ...(order && order !== columnName(field) ? [order] : []), tie];
      const unique = [...new Set(keys)];
      this.db.exec(
        `CREATE INDEX IF NOT EXISTS ${ident(`${this.name} by ${field}`)} ON ${t} (${unique.join(', ')})`,
      );
    }
  }

  /** The SQL expression of a field (its indexed column when it has one), for a profile's own SQL. */
  columnOf(field: string): string {
    return this.columns.of(field);
  }

  keyOf(record: T): string {
    return String((record as Record<string, unknown>)[this.idField]);
  }

  get size(): number {
    return this.counted;
  }

  get(id: string | number): T | undefined {
    const text = this.statements.get.get(String(id)) as string | undefined;
    return text === undefined ? undefined : (JSON.parse(text) as T);
  }

  *all(): IterableIterator<T> {
    for (const text of this.statements.all.iterate() as IterableIterator<string>) yield JSON.parse(text) as T;
  }

  find(query: RecordQuery): Page<T> {
    const where = query.where ?? [];
    return { items: this.select(query), total: this.count(where) };
  }

  /** The page of `query` without its total. */
  select(query: RecordQuery): T[] {
    const where = whereSql(query.where ?? [], this.columns, this.indexed);
    const order = orderSql(query.order ?? [], this.columns, this.idField);
    const offset = query.offset ?? 0;
    if (order === undefined) return this.sortedInJs(where, query.order ?? [], offset, query.limit);
    const limit = query.limit ?? -1;
    // Row ids first, from the indexes alone; then the few records of the page by row id. Sorting
    // whole records would read every match's JSON only to keep twenty of them.
    const ids = this.statement(
      `SELECT rowid FROM ${this.table} ${where.sql} ${order} LIMIT ? OFFSET ?`,
      true,
    ).all(...where.params, limit, offset) as number[];
    const byRowid = this.statement(`SELECT record FROM ${this.table} WHERE rowid = ?`, true);
    return ids.map((rowid) => JSON.parse(byRowid.get(rowid) as string) as T);
  }

  /** Orders SQL cannot express (text of a locale): the matches are few, sorted here. */
  private sortedInJs(
    where: { sql: string; params: unknown[] },
    order: OrderKey[],
    offset: number,
    limit?: number,
  ): T[] {
    const texts = this.statement(`SELECT record FROM ${this.table} ${where.sql} ORDER BY rowid`, true).all(
      ...where.params,
    ) as string[];
    const records = texts.map((text) => JSON.parse(text) as StoredRecord);
    records.sort(orderOf(order, this.idField));
    return (limit === undefined ? records.slice(offset) : records.slice(offset, offset + limit)) as T[];
  }

  count(where: Condition[]): number {
    if (where.length === 0) return this.counted;
    const clause = whereSql(where, this.columns, this.indexed);
    return this.statement(`SELECT count(*) FROM ${this.table} ${clause.sql}`, true).get(
      ...clause.params,
    ) as number;
  }

  /** A prepared statement per distinct SQL text: a query shape is compiled once. */
  private statement(sql: string, pluck: boolean): Statement {
    let statement = this.cache.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      if (pluck) statement.pluck();
      if (this.cache.size > 500) this.cache.clear();
      this.cache.set(sql, statement);
    }
    return statement;
  }

  insert(record: T): T {
    const key = this.keyOf(record);
    Object.freeze(record);
    this.scope.beginChange();
    try {
      this.statements.insert.run(key, JSON.stringify(record));
    } catch (error) {
      if ((error as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE')
        throw new Error(`duplicate id ${key}`);
      throw error;
    }
    this.counted++;
    this.emit('insert', record);
    return record;
  }

  replace(record: T): T | undefined {
    const key = this.keyOf(record);
    const previous = this.get(key);
    if (!previous) return undefined;
    Object.freeze(record);
    this.scope.beginChange();
    this.statements.update.run(JSON.stringify(record), key);
    this.emit('update', record, previous);
    return record;
  }

  remove(id: string | number): T | undefined {
    const key = String(id);
    const previous = this.get(key);
    if (!previous) return undefined;
    this.scope.beginChange();
    this.statements.delete.run(key);
    this.counted--;
    this.emit('remove', previous);
    return previous;
  }

  load(records: Iterable<T>): void {
    this.scope.bulk(() => {
      this.db.exec(`DELETE FROM ${this.table}`);
      const insert = this.statements.insert;
      let n = 0;
      for (const record of records) {
        insert.run(this.keyOf(record), JSON.stringify(record));
        n++;
      }
      this.counted = n;
      for (const l of this.loadListeners) l();
    });
  }

  /** After a rolled-back write: the count and every index built on events follow the file again. */
  reread(): void {
    this.counted = this.statements.count.get() as number;
    for (const l of this.loadListeners) l();
  }

  onLoad(listener: () => void): void {
    this.loadListeners.push(listener);
  }

  onChange(listener: ChangeListener<T>): void {
    this.listeners.push(listener);
  }

  private emit(kind: 'insert' | 'update' | 'remove', record: T, previous?: T): void {
    for (const l of this.listeners) l(kind, record, previous);
  }
}

/** The generated column of a field. */
function columnName(field: string): string {
  return ident(`f_${field}`);
}

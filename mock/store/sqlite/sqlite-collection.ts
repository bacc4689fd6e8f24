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
  /** A write failed: rolls the transaction back and answers the error to throw. */
  fail(error: unknown): Error;
}

/**
 * A collection kept in one SQLite table: `key` (the id as text, unique), `record` (the record as
 * JSON), and one column per field the contract filters or sorts by (written from the record on every
 * change), each indexed with the list order after it, so that a filtered, sorted page is an index range and never a scan of the
 * records. Nothing is held in memory but the count: a million calls cost their file, not the heap.
 */
export class SqliteCollection<T extends object = StoredRecord> implements Collection<T> {
  readonly table: string;
  /** The table of the records' JSON, by the row id of `table`. */
  readonly recordsTable: string;
  private readonly listeners: ChangeListener<T>[] = [];
  private readonly loadListeners: (() => void)[] = [];
  private readonly indexed: Set<string>;
  /** The indexed fields, in the order of their columns in the insert and update statements. */
  private readonly fields: string[];
  private readonly columns: Columns;
  private readonly statements: Record<
    | 'get'
    | 'insert'
    | 'insertAt'
    | 'insertRecord'
    | 'update'
    | 'updateRecord'
    | 'delete'
    | 'deleteRecord'
    | 'record'
    | 'all'
    | 'count',
    Statement
  >;
  private readonly cache = new Map<string, Statement>();
  /** The CREATE INDEX statements of the table: dropped for a bulk load and made again after it. */
  private readonly indexes: string[] = [];
  private counted: number;

  constructor(
    private readonly db: Database,
    private readonly scope: WriteScope,
    readonly name: string,
    readonly idField: string,
    plan: CollectionPlan,
  ) {
    this.table = ident(name);
    this.recordsTable = ident(`${name} records`);
    this.indexed = new Set([...plan.indexed, idField]);
    this.fields = [...this.indexed];
    const record = `(SELECT record FROM ${this.recordsTable} WHERE id = ${this.table}.rowid)`;
    this.columns = {
      of: (field) =>
        this.indexed.has(field) ? columnName(field) : `json_extract(${record}, ${jsonPath(field)})`,
      tie: columnName(idField),
      record,
    };
    this.createTables(plan);
    const [t, r] = [this.table, this.recordsTable];
    const columns = this.fields.map((f) => `, ${columnName(f)}`).join('');
    this.statements = {
      get: db
        .prepare(`SELECT r.record FROM ${t} JOIN ${r} AS r ON r.id = ${t}.rowid WHERE ${t}.key = ?`)
        .pluck(),
      insert: db.prepare(
        `INSERT INTO ${t} (key${columns}) VALUES (?${this.fields.map(() => ', ?').join('')})`,
      ),
      insertAt: db.prepare(
        `INSERT INTO ${t} (rowid, key${columns}) VALUES (?, ?${this.fields.map(() => ', ?').join('')})`,
      ),
      insertRecord: db.prepare(`INSERT INTO ${r} (id, record) VALUES (?, ?)`),
      update: db
        .prepare(
          `UPDATE ${t} SET ${this.fields.map((f) => `${columnName(f)} = ?`).join(', ')} WHERE key = ? RETURNING rowid`,
        )
        .pluck(),
      updateRecord: db.prepare(`UPDATE ${r} SET record = ? WHERE id = ?`),
      delete: db.prepare(`DELETE FROM ${t} WHERE key = ? RETURNING rowid`).pluck(),
      deleteRecord: db.prepare(`DELETE FROM ${r} WHERE id = ?`),
      record: db.prepare(`SELECT record FROM ${r} WHERE id = ?`).pluck(),
      all: db.prepare(`SELECT record FROM ${r} ORDER BY id`).pluck(),
      count: db.prepare(`SELECT count(*) FROM ${t}`).pluck(),
    };
    this.counted = this.statements.count.get() as number;
  }

  /**
   * Two tables: the records' keys and indexed columns, narrow, so that index builds, walks and
   * aggregate scans read a tenth of the bytes; and the records' JSON by the same row id. Columns
   * of fields the contract filters by since the file was made are added and filled once.
   */
  private createTables(plan: CollectionPlan): void {
    const [t, r] = [this.table, this.recordsTable];
    const fields = [...this.indexed];
    this.db.exec(
      `CREATE TABLE IF NOT EXISTS ${t} (key TEXT NOT NULL${fields.map((f) => `, ${columnName(f)}`).join('')})`,
    );
    this.db.exec(`CREATE TABLE IF NOT EXISTS ${r} (id INTEGER PRIMARY KEY, record TEXT NOT NULL)`);
    const existing = new Set(
      this.db.prepare('SELECT name FROM pragma_table_xinfo(?)').pluck().all(this.name) as string[],
    );
    for (const field of fields) {
      if (existing.has(`f_${field}`)) continue;
      this.db.exec(`ALTER TABLE ${t} ADD COLUMN ${columnName(field)}`);
      this.db.exec(
        `UPDATE ${t} SET ${columnName(field)} = json_extract(${this.columns.record}, ${jsonPath(field)})`,
      );
    }
    // The id field's column ends every index (the tie of every order) and needs none of its own.
    const tie = columnName(this.idField);
    const order =
      plan.orderField && this.indexed.has(plan.orderField) ? columnName(plan.orderField) : undefined;
    this.indexes.push(`CREATE UNIQUE INDEX IF NOT EXISTS ${ident(`${this.name} key`)} ON ${t} (key)`);
    for (const field of this.indexed) {
      if (field === this.idField) continue;
      const keys = [...new Set([columnName(field), ...(order ? [order] : []), tie])];
      this.indexes.push(
        `CREATE INDEX IF NOT EXISTS ${ident(`${this.name} by ${field}`)} ON ${t} (${keys.join(', ')})`,
      );
    }
    for (const sql of this.indexes) this.db.exec(sql);
  }

  /**
   * The SQL expression of a field (its indexed column when it has one), for a profile's own SQL;
   * `row` qualifies it (a table alias of the collection's table).
   */
  columnOf(field: string, row?: string): string {
    if (!row) return this.columns.of(field);
    return this.indexed.has(field)
      ? `${row}.${columnName(field)}`
      : `json_extract((SELECT record FROM ${this.recordsTable} WHERE id = ${row}.rowid), ${jsonPath(field)})`;
  }

  /**
   * The indexed fields' values as SQL stores them, as json_extract would read them from the JSON
   * (true as 1, objects as JSON text): taken from the object at hand, never parsed back from text.
   */
  private values(record: T): unknown[] {
    return this.fields.map((field) => {
      const value = (record as Record<string, unknown>)[field];
      if (value === undefined || value === null) return null;
      if (typeof value === 'boolean') return value ? 1 : 0;
      if (typeof value === 'number' || typeof value === 'string') return value;
      return JSON.stringify(value);
    });
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
    const total = this.count(query.where ?? []);
    return { items: this.select(query, total), total };
  }

  /**
   * The page of `query` without its total. `matches`, how many records match (when the caller
   * knows), lets a page sorted by an indexed field walk that field's index in order and stop once
   * the page is full, instead of sorting every match: when a fifth of a million calls match, the
   * first three pages are found among the first few hundred calls of the index.
   */
  select(query: RecordQuery, matches?: number): T[] {
    const where = whereSql(query.where ?? [], this.columns, this.indexed);
    const order = orderSql(query.order ?? [], this.columns, this.idField);
    const offset = query.offset ?? 0;
    if (order === undefined) return this.sortedInJs(where, query.order ?? [], offset, query.limit);
    const limit = query.limit ?? -1;
    const walked = this.walk(query, where, order, matches);
    // Row ids first, from the indexes alone; then the few records of the page by row id. Sorting
    // whole records would read every match's JSON only to keep twenty of them.
    const ids =
      walked ??
      (this.statement(`SELECT rowid FROM ${this.table} ${where.sql} ${order} LIMIT ? OFFSET ?`, true).all(
        ...where.params,
        limit,
        offset,
      ) as number[]);
    return ids.map((rowid) => JSON.parse(this.statements.record.get(rowid) as string) as T);
  }

  /**
   * The page's row ids by walking the index of the order's first field, at most WALK_BUDGET rows
   * of it; undefined when the walk does not pay (few matches expected) or ran out of budget.
   */
  private walk(
    query: RecordQuery,
    where: { sql: string; params: unknown[] },
    order: string,
    matches: number | undefined,
  ): number[] | undefined {
    const first = query.order?.[0]?.field;
    if (!first || !where.sql || matches === undefined || query.limit === undefined) return undefined;
    if (first === this.idField || !this.indexed.has(first) || matches === 0) return undefined;
    // The walk reads the narrow table only: conditions on fields without a column are not walked.
    if (query.where?.some((c) => c.fields.some((f) => !this.indexed.has(f)))) return undefined;
    const offset = query.offset ?? 0;
    const want = offset + query.limit;
    // Matches spread evenly over the index are met once every size/matches rows.
    if ((want * this.counted) / matches > WALK_BUDGET / 4) return undefined;
    const index = ident(`${this.name} by ${first}`);
    const ids = this.statement(
      `SELECT r FROM (SELECT rowid AS r, * FROM ${this.table} INDEXED BY ${index} ${order} LIMIT ${WALK_BUDGET}) ${where.sql} ${order} LIMIT ? OFFSET ?`,
      true,
    ).all(...where.params, query.limit, offset) as number[];
    // A short page is the end of the matches, or the end of the budget: only the first is an answer.
    return ids.length === query.limit || offset + ids.length >= matches ? ids : undefined;
  }

  /** Orders SQL cannot express (text of a locale): the matches are few, sorted here. */
  private sortedInJs(
    where: { sql: string; params: unknown[] },
    order: OrderKey[],
    offset: number,
    limit?: number,
  ): T[] {
    const t = this.table;
    const texts = this.statement(
      `SELECT r.record FROM ${t} JOIN ${this.recordsTable} AS r ON r.id = ${t}.rowid ${where.sql} ORDER BY ${t}.rowid`,
      true,
    ).all(...where.params) as string[];
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
      const { lastInsertRowid } = this.statements.insert.run(key, ...this.values(record));
      this.statements.insertRecord.run(lastInsertRowid, JSON.stringify(record));
    } catch (error) {
      // A duplicate is refused by the first statement alone: the transaction is intact.
      if ((error as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE')
        throw new Error(`duplicate id ${key}`);
      throw this.scope.fail(error);
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
    try {
      const rowid = this.statements.update.get(...this.values(record), key);
      this.statements.updateRecord.run(JSON.stringify(record), rowid);
    } catch (error) {
      throw this.scope.fail(error);
    }
    this.emit('update', record, previous);
    return record;
  }

  remove(id: string | number): T | undefined {
    const key = String(id);
    const previous = this.get(key);
    if (!previous) return undefined;
    this.scope.beginChange();
    try {
      const rowid = this.statements.delete.get(key);
      this.statements.deleteRecord.run(rowid);
    } catch (error) {
      throw this.scope.fail(error);
    }
    this.counted--;
    this.emit('remove', previous);
    return previous;
  }

  /**
   * Replaces the content in one transaction. The indexes are dropped first and built again after
   * the rows are in: a sort per index instead of a random insertion per row and index, which is
   * what makes a million calls a matter of seconds. A repeated id keeps its first record.
   */
  load(records: Iterable<T>): void {
    this.scope.bulk(() => {
      const names = this.db
        .prepare(`SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL`)
        .pluck()
        .all(this.name) as string[];
      for (const name of names) this.db.exec(`DROP INDEX ${ident(name)}`);
      this.db.exec(`DELETE FROM ${this.table}; DELETE FROM ${this.recordsTable}`);
      const { insertAt, insertRecord } = this.statements;
      const seen = new Set<string>();
      for (const record of records) {
        const key = this.keyOf(record);
        if (seen.has(key)) continue;
        seen.add(key);
        insertAt.run(seen.size, key, ...this.values(record));
        insertRecord.run(seen.size, JSON.stringify(record));
      }
      for (const sql of this.indexes) this.db.exec(sql);
      this.counted = seen.size;
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

/** Rows of an index a sorted page may walk before the ordinary plan is used instead. */
const WALK_BUDGET = 20_000;

/** The column of a field. */
function columnName(field: string): string {
  return ident(`f_${field}`);
}

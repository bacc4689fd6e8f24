import type { Database } from 'better-sqlite3';
import type { SqliteCollection } from '../../../mock/store/sqlite/sqlite-collection.ts';
import type { SqliteStore } from '../../../mock/store/sqlite/sqlite-store.ts';
import type { Call } from '../models.ts';

/** Bumped when the tables below change: a file with another version has them rebuilt at start. */
const VERSION = '3';

const TABLES = `
CREATE TABLE IF NOT EXISTS call_day_counts (day INTEGER NOT NULL, status TEXT NOT NULL, direction TEXT NOT NULL,
  calls INTEGER NOT NULL, duration INTEGER NOT NULL, PRIMARY KEY (day, status, direction)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS call_day_outcomes (day INTEGER NOT NULL, outcome TEXT NOT NULL, calls INTEGER NOT NULL,
  PRIMARY KEY (day, outcome)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS call_day_topics (day INTEGER NOT NULL, topicId TEXT NOT NULL, calls INTEGER NOT NULL,
  PRIMARY KEY (day, topicId)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS call_numbers (targetNumber TEXT PRIMARY KEY, latest TEXT NOT NULL) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS call_numbers_by_latest ON call_numbers (latest);
CREATE TABLE IF NOT EXISTS call_number_days (day INTEGER PRIMARY KEY, numbers INTEGER NOT NULL);
`;

/** Midnight (ms) of an ISO time in SQL. */
const dayOf = (iso: string) => `unixepoch(substr(${iso}, 1, 10)) * 1000`;

/** How many numbers have their latest call on each day: "numbers called since" is a sum of days. */
const NUMBER_DAYS = `
CREATE TEMP TRIGGER IF NOT EXISTS call_number_added AFTER INSERT ON main.call_numbers WHEN mock_loading() = 0 BEGIN
  INSERT INTO call_number_days VALUES (${dayOf('NEW.latest')}, 1) ON CONFLICT DO UPDATE SET numbers = numbers + 1; END;
CREATE TEMP TRIGGER IF NOT EXISTS call_number_removed AFTER DELETE ON main.call_numbers WHEN mock_loading() = 0 BEGIN
  UPDATE call_number_days SET numbers = numbers - 1 WHERE day = ${dayOf('OLD.latest')}; END;
CREATE TEMP TRIGGER IF NOT EXISTS call_number_moved AFTER UPDATE ON main.call_numbers WHEN mock_loading() = 0 BEGIN
  UPDATE call_number_days SET numbers = numbers - 1 WHERE day = ${dayOf('OLD.latest')};
  INSERT INTO call_number_days VALUES (${dayOf('NEW.latest')}, 1) ON CONFLICT DO UPDATE SET numbers = numbers + 1; END;
`;

/** A call's fields as SQL: from a row's JSON (`NEW`, `OLD` of the records table) or, by alias, the calls table. */
function fields(calls: SqliteCollection<Call>, row: string, from: 'record' | 'table') {
  const f = (name: string) =>
    from === 'record' ? `json_extract(${row}.record, '$.${name}')` : calls.columnOf(name, row);
  return {
    day: dayOf(f('createdAt')),
    status: f('status'),
    direction: f('direction'),
    duration: `coalesce(${f('durationSeconds')}, 0)`,
    outcome: f('outcome'),
    topicId: f('topicId'),
    number: f('targetNumber'),
    createdAt: f('createdAt'),
  };
}

/** Adds (sign 1) or takes away (-1) one call, NEW or OLD, from the per-day tables. */
function apply(calls: SqliteCollection<Call>, row: 'NEW' | 'OLD', sign: 1 | -1): string {
  const r = fields(calls, row, 'record');
  return `
  INSERT INTO call_day_counts SELECT ${r.day}, ${r.status}, ${r.direction}, ${sign}, ${sign} * ${r.duration} WHERE 1
    ON CONFLICT DO UPDATE SET calls = calls + excluded.calls, duration = duration + excluded.duration;
  INSERT INTO call_day_outcomes SELECT ${r.day}, ${r.outcome}, ${sign} WHERE coalesce(${r.outcome}, '') != ''
    ON CONFLICT DO UPDATE SET calls = calls + excluded.calls;
  INSERT INTO call_day_topics SELECT ${r.day}, ${r.topicId}, ${sign} WHERE coalesce(${r.topicId}, '') != ''
    ON CONFLICT DO UPDATE SET calls = calls + excluded.calls;`;
}

/** Keeps each number's latest call time: NEW's raises it, OLD's leaving recomputes it from the index. */
function numbers(row: 'NEW' | 'OLD', calls: SqliteCollection<Call>): string {
  const r = fields(calls, row, 'record');
  if (row === 'NEW')
    return `
  INSERT INTO call_numbers VALUES (${r.number}, ${r.createdAt})
    ON CONFLICT DO UPDATE SET latest = max(latest, excluded.latest);`;
  const latest = `(SELECT max(${calls.columnOf('createdAt')}) FROM ${calls.table} WHERE ${calls.columnOf('targetNumber')} = ${r.number})`;
  const any = `EXISTS (SELECT 1 FROM ${calls.table} WHERE ${calls.columnOf('targetNumber')} = ${r.number})`;
  return `
  DELETE FROM call_numbers WHERE targetNumber = ${r.number} AND NOT ${any};
  UPDATE call_numbers SET latest = ${latest} WHERE targetNumber = ${r.number};`;
}

/**
 * Creates the aggregate tables (kept in the file) and the triggers that keep them current in the
 * transaction of every change (TEMP: they live in this connection only, so a file opened by any
 * other SQLite tool needs no function of ours). A bulk load skips them (mock_loading()) and
 * rebuilds the tables in one pass. Answers true when the tables are new or of another version.
 */
export function createAggregates(db: Database, calls: SqliteCollection<Call>): boolean {
  db.exec(TABLES);
  // On the records table, whose rows hold the whole call (OLD and NEW alike), written after the
  // calls table's row: a removed call's number is recounted from the calls table without it.
  const r = calls.recordsTable;
  const when = 'WHEN mock_loading() = 0';
  const [o, n] = [fields(calls, 'OLD', 'record'), fields(calls, 'NEW', 'record')];
  const moved = `${o.createdAt} IS NOT ${n.createdAt} OR ${o.number} IS NOT ${n.number}`;
  db.exec(`
CREATE TEMP TRIGGER IF NOT EXISTS call_added AFTER INSERT ON main.${r} ${when} BEGIN ${apply(calls, 'NEW', 1)} ${numbers('NEW', calls)} END;
CREATE TEMP TRIGGER IF NOT EXISTS call_removed AFTER DELETE ON main.${r} ${when} BEGIN ${apply(calls, 'OLD', -1)} ${numbers('OLD', calls)} END;
CREATE TEMP TRIGGER IF NOT EXISTS call_changed AFTER UPDATE ON main.${r} ${when} BEGIN ${apply(calls, 'OLD', -1)} ${apply(calls, 'NEW', 1)} END;
CREATE TEMP TRIGGER IF NOT EXISTS call_moved AFTER UPDATE ON main.${r} ${when} AND (${moved}) BEGIN ${numbers('OLD', calls)} ${numbers('NEW', calls)} END;
${NUMBER_DAYS}`);
  const version = db.prepare(`SELECT value FROM mock_meta WHERE key = 'call aggregates'`).pluck().get();
  return version !== VERSION;
}

/** Recomputes every aggregate table from the calls (after a bulk load, or for a file without them). */
export function rebuildAggregates(sqlite: SqliteStore, calls: SqliteCollection<Call>): void {
  const { db } = sqlite;
  const r = fields(calls, 'c', 'table');
  const outcome = `json_extract(j.record, '$.outcome')`;
  sqlite.bulk(() => {
    db.exec(`
DELETE FROM call_day_counts; DELETE FROM call_day_outcomes; DELETE FROM call_day_topics; DELETE FROM call_numbers;
DELETE FROM call_number_days;
INSERT INTO call_day_counts SELECT ${r.day} AS d, ${r.status} AS s, ${r.direction} AS dir, count(*), sum(${r.duration})
  FROM ${calls.table} AS c GROUP BY d, s, dir;
INSERT INTO call_day_outcomes SELECT ${r.day} AS d, ${outcome} AS o, count(*) FROM ${calls.table} AS c
  JOIN ${calls.recordsTable} AS j ON j.id = c.rowid WHERE coalesce(${outcome}, '') != '' GROUP BY d, o;
INSERT INTO call_day_topics SELECT ${r.day} AS d, ${r.topicId} AS tp, count(*) FROM ${calls.table} AS c
  WHERE coalesce(${r.topicId}, '') != '' GROUP BY d, tp;
INSERT INTO call_numbers SELECT ${r.number} AS n, max(${r.createdAt}) FROM ${calls.table} AS c GROUP BY n;
INSERT INTO call_number_days SELECT ${dayOf('latest')} AS d, count(*) FROM call_numbers GROUP BY d;
INSERT INTO mock_meta VALUES ('call aggregates', '${VERSION}') ON CONFLICT (key) DO UPDATE SET value = excluded.value;
`);
  });
}

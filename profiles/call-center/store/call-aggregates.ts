import type { Database } from 'better-sqlite3';
import type { SqliteCollection } from '../../../mock/store/sqlite/sqlite-collection.ts';
import type { Call } from '../../../spec/models.ts';

/** Bumped when the tables below change: a file with another version has them rebuilt at start. */
const VERSION = '1';

const TABLES = `
CREATE TABLE IF NOT EXISTS call_day_counts (day INTEGER NOT NULL, status TEXT NOT NULL, direction TEXT NOT NULL,
  calls INTEGER NOT NULL, duration INTEGER NOT NULL, PRIMARY KEY (day, status, direction)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS call_day_outcomes (day INTEGER NOT NULL, outcome TEXT NOT NULL, calls INTEGER NOT NULL,
  PRIMARY KEY (day, outcome)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS call_day_topics (day INTEGER NOT NULL, topicId TEXT NOT NULL, calls INTEGER NOT NULL,
  PRIMARY KEY (day, topicId)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS call_numbers (targetNumber TEXT PRIMARY KEY, latest TEXT NOT NULL) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS call_numbers_by_latest ON call_numbers (latest);
`;

/** The fields of a row of the calls table (NEW or OLD in a trigger) as SQL. */
function fields(row: string) {
  const f = (name: string) => `json_extract(${row}.record, '$.${name}')`;
  return {
    day: `unixepoch(substr(${f('createdAt')}, 1, 10)) * 1000`,
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
function apply(row: 'NEW' | 'OLD', sign: 1 | -1): string {
  const r = fields(row);
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
  const r = fields(row);
  if (row === 'NEW')
    return `
  INSERT INTO call_numbers VALUES (${r.number}, ${r.createdAt})
    ON CONFLICT DO UPDATE SET latest = max(latest, excluded.latest);`;
  const latest = `(SELECT max(${calls.columnOf('createdAt')}) FROM ${calls.table} WHERE ${calls.columnOf('targetNumber')} = ${r.number})`;
  return `
  UPDATE call_numbers SET latest = coalesce(${latest}, '') WHERE targetNumber = ${r.number};
  DELETE FROM call_numbers WHERE targetNumber = ${r.number} AND latest = '';`;
}

/**
 * Creates the aggregate tables (kept in the file) and the triggers that keep them current in the
 * transaction of every change (TEMP: they live in this connection only, so a file opened by any
 * other SQLite tool needs no function of ours). A bulk load skips them (mock_loading()) and
 * rebuilds the tables in one pass. Answers true when the tables are new or of another version.
 */
export function createAggregates(db: Database, calls: SqliteCollection<Call>): boolean {
  db.exec(TABLES);
  const t = calls.table;
  const when = 'WHEN mock_loading() = 0';
  const moved = `OLD.record ->> '$.createdAt' IS NOT NEW.record ->> '$.createdAt' OR OLD.record ->> '$.targetNumber' IS NOT NEW.record ->> '$.targetNumber'`;
  db.exec(`
CREATE TEMP TRIGGER IF NOT EXISTS call_added AFTER INSERT ON main.${t} ${when} BEGIN ${apply('NEW', 1)} ${numbers('NEW', calls)} END;
CREATE TEMP TRIGGER IF NOT EXISTS call_removed AFTER DELETE ON main.${t} ${when} BEGIN ${apply('OLD', -1)} ${numbers('OLD', calls)} END;
CREATE TEMP TRIGGER IF NOT EXISTS call_changed AFTER UPDATE ON main.${t} ${when} BEGIN ${apply('OLD', -1)} ${apply('NEW', 1)} END;
CREATE TEMP TRIGGER IF NOT EXISTS call_moved AFTER UPDATE ON main.${t} ${when} AND (${moved}) BEGIN ${numbers('OLD', calls)} ${numbers('NEW', calls)} END;
`);
  const version = db.prepare(`SELECT value FROM mock_meta WHERE key = 'call aggregates'`).pluck().get();
  return version !== VERSION;
}

/** Recomputes every aggregate table from the calls (after a bulk load, or for a file without them). */
export function rebuildAggregates(db: Database, calls: SqliteCollection<Call>): void {
  const r = fields('c');
  db.transaction(() => {
    db.exec(`
DELETE FROM call_day_counts; DELETE FROM call_day_outcomes; DELETE FROM call_day_topics; DELETE FROM call_numbers;
INSERT INTO call_day_counts SELECT ${r.day} AS d, ${r.status} AS s, ${r.direction} AS dir, count(*), sum(${r.duration})
  FROM ${calls.table} AS c GROUP BY d, s, dir;
INSERT INTO call_day_outcomes SELECT ${r.day} AS d, ${r.outcome} AS o, count(*) FROM ${calls.table} AS c
  WHERE coalesce(${r.outcome}, '') != '' GROUP BY d, o;
INSERT INTO call_day_topics SELECT ${r.day} AS d, ${r.topicId} AS tp, count(*) FROM ${calls.table} AS c
  WHERE coalesce(${r.topicId}, '') != '' GROUP BY d, tp;
INSERT INTO call_numbers SELECT ${r.number} AS n, max(${r.createdAt}) FROM ${calls.table} AS c GROUP BY n;
INSERT INTO mock_meta VALUES ('call aggregates', '${VERSION}') ON CONFLICT (key) DO UPDATE SET value = excluded.value;
`);
  })();
}

import type { Condition, OrderKey } from '../collection.ts';

/** How a collection's table names a field: its generated, indexed column, or a JSON lookup. */
export interface Columns {
  /** The SQL expression of a field's value. */
  of(field: string): string;
  /** The expression that breaks ties: the id field's value. */
  readonly tie: string;
  /** The expression of the row's record (JSON text). */
  readonly record: string;
}

/** A field name as an SQL identifier (quoted, quotes doubled). */
export const ident = (name: string): string => `"${name.replace(/"/g, '""')}"`;

/** A JSON path to a top-level field, safe for any field name. */
export const jsonPath = (field: string): string =>
  `'$."${field.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/'/g, "''")}"'`;

/** SQLite binds no booleans: JSON's true and false are stored as 1 and 0 by json_extract. */
function bindable(value: unknown): unknown {
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'bigint') return value;
  return value === null || value === undefined ? null : JSON.stringify(value);
}

/**
 * The WHERE clause of `where` and its parameters, meaning what match-records.ts means. Equality on
 * a field that may hold an array (not an indexed column) checks the array's items too, as the
 * memory backend does; `contains` calls mock_contains(), the same JavaScript the memory backend runs.
 */
export function whereSql(
  where: Condition[],
  columns: Columns,
  indexed: Set<string>,
): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  const clauses = where.map((condition) => {
    const parts = condition.fields.map((field) => {
      const column = columns.of(field);
      const wanted = condition.value;
      switch (condition.match) {
        case 'contains':
          params.push(bindable(wanted));
          return `mock_contains(${column}, ?)`;
        case 'in': {
          const list = Array.isArray(wanted) ? wanted : [wanted];
          if (list.length === 0) return '0';
          params.push(...list.map(bindable));
          return `${column} IN (${list.map(() => '?').join(', ')})`;
        }
        case 'gte':
        case 'gt':
        case 'lte':
        case 'lt': {
          params.push(bindable(wanted));
          const op = { gte: '>=', gt: '>', lte: '<=', lt: '<' }[condition.match];
          return `${column} ${op} ?`;
        }
        default:
          params.push(bindable(wanted));
          if (indexed.has(field)) return `${column} = ?`;
          params.push(bindable(wanted));
          return `(${column} = ? OR (json_type(${columns.record}, ${jsonPath(field)}) = 'array' AND EXISTS (SELECT 1 FROM json_each(${columns.record}, ${jsonPath(field)}) WHERE value = ?)))`;
      }
    });
    return parts.length === 1 ? parts[0] : `(${parts.join(' OR ')})`;
  });
  return { sql: clauses.length > 0 ? `WHERE ${clauses.join(' AND ')}` : '', params };
}

/**
 * The ORDER BY clause of `order`, ties broken by the id; insertion order (rowid) when empty.
 * Undefined when a key compares by locale, which SQL cannot: the caller sorts those in JavaScript.
 */
export function orderSql(order: OrderKey[], columns: Columns, idField: string): string | undefined {
  if (order.some((k) => k.locale)) return undefined;
  if (order.length === 0) return 'ORDER BY rowid';
  const keys = order.map((k) => `${columns.of(k.field)} ${k.desc ? 'DESC' : 'ASC'}`);
  if (order[order.length - 1]?.field !== idField) keys.push(`${columns.tie} ASC`);
  return `ORDER BY ${keys.join(', ')}`;
}

import type { Condition, OrderKey, StoredRecord } from './collection.ts';

/**
 * The meaning of a query in JavaScript: what the memory backend runs, and what the SQLite backend's
 * SQL must agree with (tests/store/same-answers.test.ts holds them to it).
 */
export function matchesAll(where: Condition[]): (record: StoredRecord) => boolean {
  if (where.length === 0) return () => true;
  return (record) => where.every((c) => passes(c, record));
}

function passes(condition: Condition, record: StoredRecord): boolean {
  const wanted = condition.value;
  return condition.fields.some((field) => {
    const value = record[field];
    switch (condition.match) {
      case 'contains':
        return containsText(value, wanted);
      case 'in':
        return Array.isArray(wanted) ? wanted.includes(value) : value === wanted;
      case 'gte':
        return compare(value, wanted) >= 0;
      case 'gt':
        return compare(value, wanted) > 0;
      case 'lte':
        return compare(value, wanted) <= 0;
      case 'lt':
        return compare(value, wanted) < 0;
      default:
        return Array.isArray(value) ? value.includes(wanted) : value === wanted;
    }
  });
}

/** Case-insensitive substring, in the rules of the text's own locale-independent lower case. */
export function containsText(value: unknown, wanted: unknown): boolean {
  return String(value ?? '')
    .toLocaleLowerCase()
    .includes(String(wanted).toLocaleLowerCase());
}

/** Numbers by value, anything else by its text. */
export function compare(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const x = String(a ?? '');
  const y = String(b ?? '');
  return x < y ? -1 : x > y ? 1 : 0;
}

/** A comparator for `order`, ties broken by `idField` ascending; undefined for insertion order. */
export function orderOf(
  order: OrderKey[],
  idField: string,
): ((a: StoredRecord, b: StoredRecord) => number) | undefined {
  if (order.length === 0) return undefined;
  const keys = order.map(({ field, desc, locale }) => {
    const sign = desc ? -1 : 1;
    const by = locale
      ? (a: StoredRecord, b: StoredRecord) =>
          String(a[field] ?? '').localeCompare(String(b[field] ?? ''), locale)
      : (a: StoredRecord, b: StoredRecord) => compare(a[field], b[field]);
    return (a: StoredRecord, b: StoredRecord) => sign * by(a, b);
  });
  return (a, b) => {
    for (const key of keys) {
      const d = key(a, b);
      if (d !== 0) return d;
    }
    return compare(a[idField], b[idField]);
  };
}

/** The memo key of an order: equal orders share one sorted copy. */
export function orderName(order: OrderKey[]): string {
  return order.map((k) => `${k.desc ? '-' : ''}${k.field}${k.locale ? `@${k.locale}` : ''}`).join(',');
}

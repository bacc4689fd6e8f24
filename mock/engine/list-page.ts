import type { Collection, StoredRecord } from '../store/collection.ts';
import type { Filter, Resource } from './describe-resources.ts';
import type { SortRule } from './mock-extension.ts';

/**
 * One page of a collection, filtered, sorted and wrapped in the list envelope the contract
 * declares. The default order is sorted once per change of the collection (Collection.sorted), so
 * an unfiltered read costs a slice.
 */
export function listPage(
  resource: Resource,
  records: Collection,
  query: Record<string, unknown>,
  parentId: unknown,
): unknown {
  let matches: readonly StoredRecord[] = records.sorted(orderOf(resource, resource.sort));
  const active = resource.filters.filter((f) => query[f.param] !== undefined);
  if (active.length > 0 || (resource.parent && parentId !== undefined))
    matches = matches.filter(
      (r) =>
        (!resource.parent || parentId === undefined || r[resource.parent.field] === parentId) &&
        active.every((f) => passes(f, r, query[f.param])),
    );
  const requested = requestedSort(resource, query);
  if (requested) matches = [...matches].sort(orderOf(resource, requested));
  if (resource.envelope.kind === 'array' && !resource.paging.pageSize && !resource.paging.offset)
    return matches;
  const { paging } = resource;
  const size = Number(query[paging.pageSize ?? ''] ?? paging.defaultSize);
  const page = Number(query[paging.page ?? ''] ?? paging.firstPage);
  const start = paging.offset ? Number(query[paging.offset] ?? 0) : (page - paging.firstPage) * size;
  const items = matches.slice(start, start + size);
  const envelope = resource.envelope;
  if (envelope.kind === 'array') return items;
  const body: Record<string, unknown> = { [envelope.items]: items };
  if (envelope.total) body[envelope.total] = matches.length;
  if (envelope.page) body[envelope.page] = page;
  if (envelope.pageSize) body[envelope.pageSize] = size;
  if (envelope.totalPages) body[envelope.totalPages] = Math.ceil(matches.length / size);
  return body;
}

function passes(filter: Filter, record: StoredRecord, wanted: unknown): boolean {
  const match = filter.match ?? 'equals';
  return filter.fields.some((field) => {
    const value = record[field];
    switch (match) {
      case 'contains':
        return String(value ?? '')
          .toLocaleLowerCase()
          .includes(String(wanted).toLocaleLowerCase());
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

function compare(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const x = String(a ?? '');
  const y = String(b ?? '');
  return x < y ? -1 : x > y ? 1 : 0;
}

/** The order a request asks for (`sort=-name`, `sort=name&order=desc`), if the list takes one. */
function requestedSort(resource: Resource, query: Record<string, unknown>): SortRule | undefined {
  const raw = resource.sortParam ? query[resource.sortParam] : undefined;
  if (typeof raw !== 'string' || raw === '') return undefined;
  const [field = raw, suffix] = raw.replace(/^-/, '').split(':');
  const order = resource.orderParam ? query[resource.orderParam] : undefined;
  const descending = raw.startsWith('-') || suffix === 'desc' || order === 'desc';
  return { field, order: descending ? 'desc' : 'asc' };
}

const orders = new WeakMap<Resource, Map<string, (a: StoredRecord, b: StoredRecord) => number>>();

/** One comparator per (resource, rule), so that Collection.sorted's memo holds across requests. */
function orderOf(
  resource: Resource,
  rule: SortRule | undefined,
): (a: StoredRecord, b: StoredRecord) => number {
  const memo = orders.get(resource) ?? new Map<string, (a: StoredRecord, b: StoredRecord) => number>();
  orders.set(resource, memo);
  const name = rule ? `${rule.field} ${rule.order} ${rule.locale}` : '';
  let order = memo.get(name);
  if (!order) {
    const id = resource.idField;
    const tie = (a: StoredRecord, b: StoredRecord) => compare(a[id], b[id]);
    if (!rule) order = () => 0;
    else {
      const sign = rule.order === 'desc' ? -1 : 1;
      const { field, locale } = rule;
      const by = locale
        ? (a: StoredRecord, b: StoredRecord) =>
            String(a[field] ?? '').localeCompare(String(b[field] ?? ''), locale)
        : (a: StoredRecord, b: StoredRecord) => compare(a[field], b[field]);
      order = (a, b) => sign * by(a, b) || tie(a, b);
    }
    memo.set(name, order);
  }
  return order;
}

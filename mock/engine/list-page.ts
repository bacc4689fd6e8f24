import type { Collection, Condition, OrderKey } from '../store/collection.ts';
import type { Resource } from './describe-resources.ts';
import type { SortRule } from './mock-extension.ts';

/**
 * One page of a collection, filtered, sorted and wrapped in the list envelope the contract
 * declares. The collection answers the page (Collection.find): the memory backend from a sorted
 * copy kept per order, the SQLite backend from its indexes.
 */
export function listPage(
  resource: Resource,
  records: Collection,
  query: Record<string, unknown>,
  parentId: unknown,
): unknown {
  const where: Condition[] = resource.filters
    .filter((f) => query[f.param] !== undefined)
    .map((f) => ({ fields: f.fields, match: f.match ?? 'equals', value: query[f.param] }));
  if (resource.parent && parentId !== undefined)
    where.push({ fields: [resource.parent.field], match: 'equals', value: parentId });
  const rule = requestedSort(resource, query) ?? resource.sort;
  const order: OrderKey[] = rule
    ? [{ field: rule.field, desc: rule.order === 'desc', locale: rule.locale }]
    : [];
  if (resource.envelope.kind === 'array' && !resource.paging.pageSize && !resource.paging.offset)
    return records.find({ where, order }).items;
  const { paging } = resource;
  const size = Number(query[paging.pageSize ?? ''] ?? paging.defaultSize);
  const page = Number(query[paging.page ?? ''] ?? paging.firstPage);
  const start = paging.offset ? Number(query[paging.offset] ?? 0) : (page - paging.firstPage) * size;
  const { items, total } = records.find({ where, order, offset: start, limit: size });
  const envelope = resource.envelope;
  if (envelope.kind === 'array') return items;
  const body: Record<string, unknown> = { [envelope.items]: items };
  if (envelope.total) body[envelope.total] = total;
  if (envelope.page) body[envelope.page] = page;
  if (envelope.pageSize) body[envelope.pageSize] = size;
  if (envelope.totalPages) body[envelope.totalPages] = Math.ceil(total / size);
  return body;
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

import type { OpenAPIV3 } from 'openapi-types';
import type { SpecOperation } from '../../mock/openapi/operations.ts';
import type { CheckContext } from '../check-context.ts';
import { isListOperation, parameterSchema, parametersIn } from '../plan/request-shape.ts';
import type { Exchange } from '../types.ts';
import { pageOf } from './page-body.ts';

/** What this driver reads of the run: no more, so that it is built and tested with only that. */
type DriverInput = Pick<CheckContext, 'contract' | 'http' | 'selected'>;

/** A page asked for, and the envelope it must answer. */
export interface PageRequest {
  exchange: Exchange;
  want: { pageSize: number; page: number };
  why: string;
}

/**
 * A filter sent with a value taken from an existing item, so that the filtered list is not
 * trivially empty: a text search (`q`), a time window on `createdAt` (`from` inclusive, `to`
 * exclusive), or an exact field; `value` as it went in the query, `typed` as the item held it.
 */
export interface Filter {
  kind: 'text' | 'from' | 'to' | 'exact';
  name: string;
  value: string;
  typed: unknown;
}

/** What pagination_and_filters judges of one list: its pages, its filters and its sort keys. */
export interface ListRecord {
  op: SpecOperation;
  pages: PageRequest[];
  /** The unfiltered sample every filter's value came from, and its total. */
  sampleTotal: number | undefined;
  filters: { filter: Filter; exchange: Exchange }[];
  sorts: { key: string; exchange: Exchange }[];
}

const PAGING = new Set(['page', 'pageSize', 'sort']);

/**
 * Asks every list of the run for its default page, pageSize=1, page 2 (where there are two
 * items), a page past the end, each filter with a value an item has, and each sort key. What it
 * asks next depends on what the list answered (a total, an item), never on a judgement.
 */
export async function driveLists(ctx: DriverInput): Promise<ListRecord[]> {
  const records: ListRecord[] = [];
  for (const op of ctx.contract.operations) {
    if (!isListOperation(op) || !ctx.selected(op.operationId)) continue;
    const record: ListRecord = { op, pages: [], sampleTotal: undefined, filters: [], sorts: [] };
    records.push(record);
    const ask = async (query: Record<string, number>, want: PageRequest['want'], why: string) => {
      const exchange = await ctx.http.call(op, {
        ...(Object.keys(query).length ? { query } : { description: 'default paging' }),
      });
      record.pages.push({ exchange, want, why });
      return pageOf(exchange);
    };
    await ask({}, { pageSize: defaultOf(op, 'pageSize') ?? 20, page: 1 }, 'with no paging parameters');
    const one = await ask({ pageSize: 1 }, { pageSize: 1, page: 1 }, 'asks for pageSize=1');
    if (!one) continue;
    if (one.total >= 2) await ask({ pageSize: 1, page: 2 }, { pageSize: 1, page: 2 }, 'asks for page 2');
    const past = Math.ceil(one.total / 100) + 1;
    await ask({ pageSize: 100, page: past }, { pageSize: 100, page: past }, 'asks for a page past the end');
    await driveFilters(ctx, op, record);
  }
  return records;
}

async function driveFilters(ctx: DriverInput, op: SpecOperation, record: ListRecord): Promise<void> {
  const sample = pageOf(await ctx.http.call(op, { query: { pageSize: 100 } }));
  const item = sample?.items.find((i) => typeof i.id === 'string');
  if (!sample || !item) return;
  record.sampleTotal = sample.total;
  for (const param of parametersIn(op, 'query')) {
    if (PAGING.has(param.name)) continue;
    const filter = filterFor(param.name, item);
    if (!filter) continue;
    const exchange = await ctx.http.call(op, { query: { [param.name]: filter.value, pageSize: 100 } });
    record.filters.push({ filter, exchange });
  }
  const sort = parametersIn(op, 'query').find((p) => p.name === 'sort');
  for (const key of (parameterSchema(sort ?? ({} as OpenAPIV3.ParameterObject)).enum ?? []) as string[])
    record.sorts.push({ key, exchange: await ctx.http.call(op, { query: { sort: key, pageSize: 100 } }) });
}

/** The filter of a query parameter, its value taken from `item`; undefined where the item has none. */
export function filterFor(name: string, item: Record<string, unknown>): Filter | undefined {
  if (name === 'q') {
    const text = Object.values(item).find(
      (v): v is string => typeof v === 'string' && v.length >= 3 && !/^[0-9a-f-]{36}$/.test(v),
    );
    if (!text) return undefined;
    const needle = text.slice(0, Math.min(text.length, 6)).toLowerCase();
    return { kind: 'text', name, value: needle, typed: needle };
  }
  if (name === 'from' || name === 'to') {
    const at = item.createdAt;
    return typeof at === 'string' ? { kind: name, name, value: at, typed: at } : undefined;
  }
  const value = item[name];
  if (value === null || value === undefined || typeof value === 'object') return undefined;
  return { kind: 'exact', name, value: String(value), typed: value };
}

function defaultOf(op: SpecOperation, name: string): number | undefined {
  const param = parametersIn(op, 'query').find((p) => p.name === name);
  return param
    ? ((parameterSchema(param) as OpenAPIV3.SchemaObject).default as number | undefined)
    : undefined;
}

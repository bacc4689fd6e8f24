import type { OpenAPIV3 } from 'openapi-types';
import type { SpecOperation } from '../../spec/operations.ts';
import { parameterSchema, parametersIn } from '../plan/request-shape.ts';
import { operationPointer } from '../plan/spec-pointer.ts';
import { requestLine } from './describe.ts';
import { pageOf } from './page-body.ts';
import type { CheckContext } from './types.ts';

type Item = Record<string, unknown>;

const PAGING = new Set(['page', 'pageSize', 'sort']);

/**
 * Every filter of a list, judged on the items it answers. The value to filter by is taken from an
 * existing item, so that the filtered list is not trivially empty: an exact field (`targetNumber`,
 * `topicId`, `direction`, `status`), a text search (`q`: some text field contains it), a time
 * window (`from` inclusive, `to` exclusive, on `createdAt`) and each sort key.
 */
export async function checkFilters(ctx: CheckContext, op: SpecOperation): Promise<void> {
  const sample = pageOf(await ctx.http.call(op, { query: { pageSize: 100 } }));
  const item = sample?.items.find((i) => typeof i.id === 'string');
  if (!sample || !item) return;
  for (const param of parametersIn(op, 'query')) {
    if (PAGING.has(param.name)) continue;
    const filter = filterFor(param, item);
    if (!filter) continue;
    const exchange = await ctx.http.call(op, { query: { [param.name]: filter.value, pageSize: 100 } });
    const page = pageOf(exchange);
    const wrong = page?.items.filter((i) => !filter.keeps(i)) ?? [];
    if (page && wrong.length === 0 && page.total <= sample.total) continue;
    ctx.fail({
      operationId: op.operationId,
      title: `Filter ${param.name} not applied`,
      message: page
        ? `${requestLine(exchange)} answers ${wrong.length} items that do not match ${param.name}=${filter.value} (of ${page.items.length}; total ${page.total} vs ${sample.total} unfiltered).`
        : `${requestLine(exchange)} did not answer a page.`,
      expected: `only items where ${filter.rule}`,
      actual: wrong[0] ? `e.g. ${JSON.stringify(wrong[0]).slice(0, 300)}` : `total ${page?.total}`,
      specPointer: operationPointer(op, 'parameters'),
      exchange,
    });
  }
  const sort = parametersIn(op, 'query').find((p) => p.name === 'sort');
  for (const key of (parameterSchema(sort ?? ({} as OpenAPIV3.ParameterObject)).enum ?? []) as string[]) {
    const field = key.replace(/^-/, '');
    const exchange = await ctx.http.call(op, { query: { sort: key, pageSize: 100 } });
    const items = pageOf(exchange)?.items ?? [];
    const sign = key.startsWith('-') ? -1 : 1;
    const bad = items.findIndex((it, i) => i > 0 && sign * compare(items[i - 1]?.[field], it[field]) > 0);
    if (bad < 0) continue;
    ctx.fail({
      operationId: op.operationId,
      title: `sort=${key} does not sort`,
      message: `${requestLine(exchange)} answers ${field} ${String(items[bad - 1]?.[field])} before ${String(items[bad]?.[field])}.`,
      expected: `items ordered by ${field} ${sign > 0 ? 'ascending' : 'descending'}`,
      actual: `item ${bad} out of order`,
      specPointer: operationPointer(op, 'parameters'),
      exchange,
    });
  }
}

function filterFor(
  param: OpenAPIV3.ParameterObject,
  item: Item,
): { value: string; keeps: (i: Item) => boolean; rule: string } | undefined {
  const name = param.name;
  if (name === 'q') {
    const text = Object.values(item).find(
      (v): v is string => typeof v === 'string' && v.length >= 3 && !/^[0-9a-f-]{36}$/.test(v),
    );
    if (!text) return undefined;
    const needle = text.slice(0, Math.min(text.length, 6)).toLowerCase();
    return {
      value: needle,
      keeps: (i) => Object.values(i).some((v) => typeof v === 'string' && v.toLowerCase().includes(needle)),
      rule: `some text field contains "${needle}"`,
    };
  }
  if (name === 'from' || name === 'to') {
    const at = item.createdAt;
    if (typeof at !== 'string') return undefined;
    const t = Date.parse(at);
    return name === 'from'
      ? { value: at, keeps: (i) => Date.parse(String(i.createdAt)) >= t, rule: `createdAt >= ${at}` }
      : { value: at, keeps: (i) => Date.parse(String(i.createdAt)) < t, rule: `createdAt < ${at}` };
  }
  const value = item[name];
  if (value === null || value === undefined || typeof value === 'object') return undefined;
  return { value: String(value), keeps: (i) => i[name] === value, rule: `${name} = ${String(value)}` };
}

function compare(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const sa = String(a);
  const sb = String(b);
  if (/^\d{4}-\d{2}-\d{2}T/.test(sa) && /^\d{4}-\d{2}-\d{2}T/.test(sb))
    return Date.parse(sa) - Date.parse(sb);
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

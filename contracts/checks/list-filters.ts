import type { JudgeContext } from '../check-context.ts';
import type { Filter, ListRecord } from '../execute/drive-lists.ts';
import { pageOf } from '../execute/page-body.ts';
import { operationPointer } from '../plan/spec-pointer.ts';
import { requestLine } from './describe.ts';

type Item = Record<string, unknown>;

/**
 * Every filter of a list, judged on the items it answered: only items the filter keeps, and no
 * more than the unfiltered list had; every sort key orders the items as it names.
 */
export function judgeFilters(ctx: JudgeContext, record: ListRecord): void {
  const { op } = record;
  for (const { filter, exchange } of record.filters) {
    const page = pageOf(exchange);
    const wrong = page?.items.filter((i) => !keeps(filter, i)) ?? [];
    if (page && wrong.length === 0 && page.total <= (record.sampleTotal ?? page.total)) continue;
    ctx.fail({
      operationId: op.operationId,
      title: `Filter ${filter.name} not applied`,
      message: page
        ? `${requestLine(exchange)} answers ${wrong.length} items that do not match ${filter.name}=${filter.value} (of ${page.items.length}; total ${page.total} vs ${record.sampleTotal} unfiltered).`
        : `${requestLine(exchange)} did not answer a page.`,
      expected: `only items where ${rule(filter)}`,
      actual: wrong[0] ? `e.g. ${JSON.stringify(wrong[0]).slice(0, 300)}` : `total ${page?.total}`,
      specPointer: operationPointer(op, 'parameters'),
      exchange,
    });
  }
  for (const { key, exchange } of record.sorts) {
    const field = key.replace(/^-/, '');
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

/** Whether an item passes the filter, as the parameter's kind says. */
function keeps(filter: Filter, item: Item): boolean {
  if (filter.kind === 'text')
    return Object.values(item).some((v) => typeof v === 'string' && v.toLowerCase().includes(filter.value));
  if (filter.kind === 'from') return Date.parse(String(item.createdAt)) >= Date.parse(filter.value);
  if (filter.kind === 'to') return Date.parse(String(item.createdAt)) < Date.parse(filter.value);
  return item[filter.name] === filter.typed;
}

function rule(filter: Filter): string {
  if (filter.kind === 'text') return `some text field contains "${filter.value}"`;
  if (filter.kind === 'from') return `createdAt >= ${filter.value}`;
  if (filter.kind === 'to') return `createdAt < ${filter.value}`;
  return `${filter.name} = ${filter.value}`;
}

function compare(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const sa = String(a);
  const sb = String(b);
  if (/^\d{4}-\d{2}-\d{2}T/.test(sa) && /^\d{4}-\d{2}-\d{2}T/.test(sb))
    return Date.parse(sa) - Date.parse(sb);
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

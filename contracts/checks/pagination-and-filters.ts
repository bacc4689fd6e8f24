import type { JudgeContext } from '../check-context.ts';
import type { ListRecord, PageRequest } from '../execute/drive-lists.ts';
import { driveLists } from '../execute/drive-lists.ts';
import { pageOf } from '../execute/page-body.ts';
import { operationPointer } from '../plan/spec-pointer.ts';
import { describeResponse, requestLine } from './describe.ts';
import { judgeFilters } from './list-filters.ts';
import type { Check } from './types.ts';

/**
 * Lists do what their parameters say: the default and a chosen page size are obeyed and echoed,
 * `totalPages` is `ceil(total / pageSize)`, page 2 is not page 1, a page past the end is empty,
 * and every filter and sort key narrows or orders the items as documented. execute/drive-lists.ts
 * asks for them.
 */
export const paginationAndFilters: Check<ListRecord[]> = {
  name: 'pagination_and_filters',
  catches:
    'pageSize ignored or not echoed, a wrong total or totalPages, page 2 repeating page 1, a page past the end that is not empty, a filter that lets other items through, a sort that does not sort.',
  mutates: false,
  drive: driveLists,
  judge(ctx, lists) {
    for (const record of lists) {
      ctx.judged(record.op.operationId);
      judgePaging(ctx, record);
      judgeFilters(ctx, record);
    }
  },
};

function judgePaging(ctx: JudgeContext, { op, pages }: ListRecord): void {
  for (const { exchange, want, why } of pages) {
    const problems = pageProblems(exchange, want);
    if (problems.length === 0) continue;
    ctx.fail({
      operationId: op.operationId,
      title: 'Page envelope does not match the request',
      message: `${requestLine(exchange)} ${why}: ${problems.join(', ')}.`,
      expected: `page ${want.page}, pageSize ${want.pageSize}, at most ${want.pageSize} items, totalPages = ceil(total / pageSize)`,
      actual: problems.join(', '),
      specPointer: operationPointer(op, 'responses', '200'),
      exchange,
    });
  }
  const first = pages.find((p) => p.want.pageSize === 1 && p.want.page === 1);
  const second = pages.find((p) => p.want.pageSize === 1 && p.want.page === 2);
  const [a] = first ? (pageOf(first.exchange)?.items ?? []) : [];
  const [b] = second ? (pageOf(second.exchange)?.items ?? []) : [];
  if (a && b && a.id !== undefined && a.id === b.id)
    ctx.fail({
      operationId: op.operationId,
      title: 'Page 2 repeats page 1',
      message: `${op.operationId} with pageSize=1 answers item ${String(a.id)} on page 1 and on page 2.`,
      expected: 'a different item on page 2',
      actual: `the same item ${String(a.id)}`,
      specPointer: operationPointer(op, 'parameters'),
    });
}

function pageProblems(exchange: PageRequest['exchange'], want: PageRequest['want']): string[] {
  const page = pageOf(exchange);
  if (!page) return [`not a 200 page: ${describeResponse(exchange.response, exchange.error)}`];
  const problems: string[] = [];
  if (page.items.length > want.pageSize)
    problems.push(`${page.items.length} items on a page of ${want.pageSize}`);
  if (page.pageSize !== want.pageSize) problems.push(`pageSize ${page.pageSize}`);
  if (page.page !== want.page) problems.push(`page ${page.page}`);
  if (page.totalPages !== Math.ceil(page.total / page.pageSize))
    problems.push(`totalPages ${page.totalPages} for total ${page.total}`);
  const onPage = Math.max(0, Math.min(want.pageSize, page.total - (want.page - 1) * want.pageSize));
  if (page.items.length !== onPage) problems.push(`${page.items.length} items where ${onPage} are due`);
  return problems;
}

import type { OpenAPIV3 } from 'openapi-types';
import type { SpecOperation } from '../../spec/operations.ts';
import { isListOperation, parameterSchema, parametersIn } from '../plan/request-shape.ts';
import { operationPointer } from '../plan/spec-pointer.ts';
import type { Exchange } from '../types.ts';
import { describeResponse, requestLine } from './describe.ts';
import { checkFilters } from './list-filters.ts';
import { pageOf } from './page-body.ts';
import type { Check, CheckContext } from './types.ts';

/**
 * Lists do what their parameters say: the default and a chosen page size are obeyed and echoed,
 * `totalPages` is `ceil(total / pageSize)`, page 2 is not page 1, a page past the end is empty,
 * and every filter and sort key narrows or orders the items as documented.
 */
export const paginationAndFilters: Check = {
  name: 'pagination_and_filters',
  catches:
    'pageSize ignored or not echoed, a wrong total or totalPages, page 2 repeating page 1, a page past the end that is not empty, a filter that lets other items through, a sort that does not sort.',
  mutates: false,
  async run(ctx) {
    for (const op of ctx.contract.operations) {
      if (!isListOperation(op) || !ctx.selected(op.operationId)) continue;
      ctx.judged(op.operationId);
      await checkPaging(ctx, op);
      await checkFilters(ctx, op);
    }
  },
};

function defaultOf(op: SpecOperation, name: string): number | undefined {
  const param = parametersIn(op, 'query').find((p) => p.name === name);
  return param
    ? ((parameterSchema(param) as OpenAPIV3.SchemaObject).default as number | undefined)
    : undefined;
}

async function checkPaging(ctx: CheckContext, op: SpecOperation): Promise<void> {
  const expectPage = (exchange: Exchange, want: { pageSize: number; page: number }, why: string) => {
    const page = pageOf(exchange);
    const problems: string[] = [];
    if (!page) problems.push(`not a 200 page: ${describeResponse(exchange.response, exchange.error)}`);
    else {
      if (page.items.length > want.pageSize)
        problems.push(`${page.items.length} items on a page of ${want.pageSize}`);
      if (page.pageSize !== want.pageSize) problems.push(`pageSize ${page.pageSize}`);
      if (page.page !== want.page) problems.push(`page ${page.page}`);
      if (page.totalPages !== Math.ceil(page.total / page.pageSize))
        problems.push(`totalPages ${page.totalPages} for total ${page.total}`);
      const onPage = Math.max(0, Math.min(want.pageSize, page.total - (want.page - 1) * want.pageSize));
      if (page.items.length !== onPage) problems.push(`${page.items.length} items where ${onPage} are due`);
    }
    if (problems.length > 0)
      ctx.fail({
        operationId: op.operationId,
        title: 'Page envelope does not match the request',
        message: `${requestLine(exchange)} ${why}: ${problems.join(', ')}.`,
        expected: `page ${want.page}, pageSize ${want.pageSize}, at most ${want.pageSize} items, totalPages = ceil(total / pageSize)`,
        actual: problems.join(', '),
        specPointer: operationPointer(op, 'responses', '200'),
        exchange,
      });
    return page;
  };
  const defaultSize = defaultOf(op, 'pageSize') ?? 20;
  expectPage(
    await ctx.http.call(op, { description: 'default paging' }),
    { pageSize: defaultSize, page: 1 },
    'with no paging parameters',
  );
  const one = expectPage(
    await ctx.http.call(op, { query: { pageSize: 1 } }),
    { pageSize: 1, page: 1 },
    'asks for pageSize=1',
  );
  if (!one) return;
  if (one.total >= 2) {
    const second = expectPage(
      await ctx.http.call(op, { query: { pageSize: 1, page: 2 } }),
      { pageSize: 1, page: 2 },
      'asks for page 2',
    );
    const [a] = one.items;
    const [b] = second?.items ?? [];
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
  const past = Math.ceil(one.total / 100) + 1;
  expectPage(
    await ctx.http.call(op, { query: { pageSize: 100, page: past } }),
    { pageSize: 100, page: past },
    'asks for a page past the end',
  );
}

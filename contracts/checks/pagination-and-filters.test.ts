import { beforeAll, describe, expect, it } from 'vitest';
import { type Filter, filterFor, type ListRecord } from '../execute/drive-lists.ts';
import { type Contract, loadContract, operation } from '../plan/load-contract.ts';
import { judgeContext, recorded } from './judge-context.ts';
import { paginationAndFilters } from './pagination-and-filters.ts';

// The pagination_and_filters judge over hand-made pages, filtered lists and sorted lists: no server.

let contract: Contract;
beforeAll(async () => {
  contract = await loadContract();
});

const A = { id: 'a', name: 'Alpha', createdAt: '2026-11-01T00:00:00Z' };
const B = { id: 'b', name: 'Beta', createdAt: '2026-11-02T00:00:00Z' };
const page = (items: unknown[], p: number, size: number, total = 2) => ({
  items,
  total,
  page: p,
  pageSize: size,
  totalPages: Math.ceil(total / size),
});

/** A list of two topics that keeps every rule, with `change` applied. */
function list(change: (r: ListRecord) => ListRecord = (r) => r): ListRecord {
  const ask = (body: unknown, pageSize: number, p: number, why: string) => ({
    exchange: recorded('listTopics', 200, body),
    want: { pageSize, page: p },
    why,
  });
  const filter = (f: Filter, items: unknown[], total = items.length) => ({
    filter: f,
    exchange: recorded('listTopics', 200, page(items, 1, 100, total)),
  });
  return change({
    op: operation(contract, 'listTopics'),
    pages: [
      ask(page([A, B], 1, 20), 20, 1, 'with no paging parameters'),
      ask(page([A], 1, 1), 1, 1, 'asks for pageSize=1'),
      ask(page([B], 2, 1), 1, 2, 'asks for page 2'),
      ask(page([], 2, 100), 100, 2, 'asks for a page past the end'),
    ],
    sampleTotal: 2,
    filters: [filter(filterFor('q', A) as Filter, [A])],
    sorts: [
      { key: 'name', exchange: recorded('listTopics', 200, page([A, B], 1, 100)) },
      { key: '-createdAt', exchange: recorded('listTopics', 200, page([B, A], 1, 100)) },
    ],
  });
}

const pageAt = (i: number, body: unknown) => (r: ListRecord) => ({
  ...r,
  pages: r.pages.map((p, j) => (j === i ? { ...p, exchange: recorded('listTopics', 200, body) } : p)),
});

describe('pagination_and_filters judges recorded lists', () => {
  it.each([
    ['a list that keeps every rule', () => list(), []],
    [
      'pageSize ignored',
      () => list(pageAt(1, page([A, B], 1, 20))),
      ['Page envelope does not match the request'],
    ],
    [
      'a wrong totalPages',
      () => list(pageAt(0, { ...page([A, B], 1, 20), totalPages: 3 })),
      ['Page envelope does not match the request'],
    ],
    ['page 2 repeating page 1', () => list(pageAt(2, page([A], 2, 1))), ['Page 2 repeats page 1']],
    [
      'a page past the end with items',
      () => list(pageAt(3, page([A], 2, 100))),
      ['Page envelope does not match the request'],
    ],
    ['not a page at all', () => list(pageAt(0, 'oops')), ['Page envelope does not match the request']],
    [
      'a search that lets other items through',
      () =>
        list((r) => ({
          ...r,
          filters: [
            {
              ...(r.filters[0] as ListRecord['filters'][0]),
              exchange: recorded('listTopics', 200, page([A, B], 1, 100)),
            },
          ],
        })),
      ['Filter q not applied'],
    ],
    [
      'an exact filter ignored',
      () =>
        list((r) => ({
          ...r,
          filters: [
            {
              filter: filterFor('name', B) as Filter,
              exchange: recorded('listTopics', 200, page([A, B], 1, 100)),
            },
          ],
        })),
      ['Filter name not applied'],
    ],
    [
      'a time window that lets an earlier item through',
      () =>
        list((r) => ({
          ...r,
          filters: [
            {
              filter: filterFor('from', B) as Filter,
              exchange: recorded('listTopics', 200, page([A, B], 1, 100)),
            },
          ],
        })),
      ['Filter from not applied'],
    ],
    [
      'a sort that does not sort',
      () =>
        list((r) => ({
          ...r,
          sorts: [{ key: '-createdAt', exchange: recorded('listTopics', 200, page([A, B], 1, 100)) }],
        })),
      ['sort=-createdAt does not sort'],
    ],
  ] as [string, () => ListRecord, string[]][])('%s', (_, given, want) => {
    const { ctx, failures } = judgeContext(contract);
    paginationAndFilters.judge?.(ctx, [given()]);
    expect(failures.map((f) => f.title)).toEqual(want);
  });
});

describe('the lists driver takes filter values from an existing item', () => {
  it.each([
    [
      'a text search: the start of a text field, lower case',
      'q',
      { id: 'x', name: 'Kredit muddati' },
      'kredit',
    ],
    ['a time window: the item createdAt', 'from', A, A.createdAt],
    ['an exact field', 'direction', { id: 'x', direction: 'inbound' }, 'inbound'],
    ['no value to filter by', 'topicId', { id: 'x', topicId: null }, undefined],
  ] as [string, string, Record<string, unknown>, string | undefined][])('%s', (_, name, item, want) => {
    expect(filterFor(name, item)?.value).toBe(want);
  });
});

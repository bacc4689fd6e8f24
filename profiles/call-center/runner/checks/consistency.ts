import { describeResponse, requestLine } from '../../../../contracts/checks/describe.ts';
import type { Check, CheckContext } from '../../../../contracts/checks/types.ts';
import { operation } from '../../../../contracts/plan/load-contract.ts';
import { operationPointer, specPointer } from '../../../../contracts/plan/spec-pointer.ts';
import type { Call, HistoryDeleted, Statistics } from '../../../../spec/models.ts';
import {
  lastPlacedCall,
  lifecycle,
  placeTestCall,
  waitForNoLiveCall,
  waitUntilEnded,
} from '../test-calls.ts';
import { type Derivations, derivedProblems } from './derived-figures.ts';

/** Maps the statistics' counters to the call statuses they count. */
const COUNTERS: [keyof Statistics['totals'], string][] = [
  ['completed', 'completed'],
  ['busy', 'busy'],
  ['noAnswer', 'no_answer'],
  ['failed', 'failed'],
];

/**
 * The figures agree with the data: the statistics of a window count exactly the calls the list
 * answers for that window (in all and per status), the series adds up to the totals, and deleting
 * a number's history removes exactly the number of calls it reports (with --test-number).
 */
export const consistency: Check = {
  name: 'consistency',
  catches:
    'Statistics that disagree with the calls listed for the same window, a series that does not add up to the totals, a history deletion whose deletedCount is not the number of calls removed.',
  mutates: false,
  skipReason(ctx) {
    const has = (id: string) => ctx.contract.byId.has(id) && ctx.selected(id);
    if ((has('getStatistics') && has('listCalls')) || has('deleteCallHistory')) return undefined;
    return 'the run has no statistics and call list (getStatistics, listCalls) nor history deletion (deleteCallHistory) to compare';
  },
  async run(ctx) {
    if (ctx.selected('getStatistics') && ctx.selected('listCalls'))
      // A daily and a monthly window: each granularity has its own way to get the edges wrong; and
      // the widest the contract allows, so that the derived figures are judged on calls, not zeros.
      for (const window of [{ days: 30 }, { months: 2 }, ...widest(ctx)] as Record<string, number>[])
        await statisticsMatchCalls(ctx, window);
    if (!ctx.selected('deleteCallHistory')) return;
    if (ctx.settings.readOnly) return ctx.note('consistency: history deletion not checked in --read-only.');
    if (!ctx.settings.testNumber)
      return ctx.note(
        'consistency: history deletion not checked: no --test-number whose history may be deleted.',
      );
    await historyDeletion(ctx, ctx.settings.testNumber);
  },
};

/** getStatistics' `days` at its documented maximum, when it has one. */
function widest(ctx: CheckContext): Record<string, number>[] {
  const days = operation(ctx.contract, 'getStatistics').parameters.find((p) => p.name === 'days');
  const maximum = (days?.schema as { maximum?: number } | undefined)?.maximum;
  return maximum ? [{ days: maximum }] : [];
}

async function statisticsMatchCalls(ctx: CheckContext, query: Record<string, number>): Promise<void> {
  const getStatistics = operation(ctx.contract, 'getStatistics');
  const listCalls = operation(ctx.contract, 'listCalls');
  const { live } = lifecycle(ctx.contract);
  // Live calls move while we count: retry until two readings of the statistics agree.
  for (let attempt = 0; attempt < 3; attempt++) {
    const before = await ctx.http.call(getStatistics, { query });
    const stats = before.response?.json as Statistics | undefined;
    if (before.response?.status !== 200 || !stats?.totals) return;
    const window = { from: stats.from, to: stats.to, pageSize: 1 };
    const count = async (status?: string) => {
      const ex = await ctx.http.call(listCalls, { query: { ...window, ...(status ? { status } : {}) } });
      return { ex, total: (ex.response?.json as { total?: number } | undefined)?.total };
    };
    const pairs: [string, number, Awaited<ReturnType<typeof count>>][] = [
      ['calls', stats.totals.calls, await count()],
    ];
    for (const [field, status] of COUNTERS) pairs.push([field, stats.totals[field], await count(status)]);
    pairs.push(['live', stats.totals.live, await count(live.join(','))]);
    const after = await ctx.http.call(getStatistics, { query });
    if (
      JSON.stringify((after.response?.json as Statistics | undefined)?.totals) !==
      JSON.stringify(stats.totals)
    )
      continue;
    for (const [field, figure, listed] of pairs) {
      if (listed.total === figure) continue;
      ctx.fail({
        operationId: getStatistics.operationId,
        title: `Statistics totals.${field} disagrees with the call list`,
        message: `${requestLine(before)} says totals.${field} = ${figure}, but ${requestLine(listed.ex)} lists ${listed.total} calls.`,
        expected: `totals.${field} = ${listed.total} (the calls listed for the same window)`,
        actual: `totals.${field} = ${figure}`,
        specPointer: specPointer('components', 'schemas', 'Statistics'),
        exchange: before,
      });
    }
    const derived = ((getStatistics.operation as Record<string, unknown>)['x-derived'] ?? {
      totals: 'each counter is the sum over series',
    }) as Derivations;
    for (const [figure, expected, actual] of derivedProblems(stats, derived))
      ctx.fail({
        operationId: getStatistics.operationId,
        title: `Statistics ${figure} disagrees with the figures it is computed from`,
        message: `${requestLine(before)}: ${figure} is ${actual}, where the way x-derived computes it from the same answer gives ${expected}.`,
        expected,
        actual,
        specPointer: operationPointer(getStatistics, 'x-derived'),
        exchange: before,
      });
    return;
  }
  ctx.note(
    `consistency: statistics (${JSON.stringify(query)}) kept changing while counted (live calls); not judged.`,
  );
}

async function historyDeletion(ctx: CheckContext, testNumber: string): Promise<void> {
  // A call this run already placed (the flows', conflict's) serves as well as a new one and has
  // been running meanwhile: waiting for its end costs less than placing and waiting out another.
  let callId = lastPlacedCall(ctx.exchanges(), testNumber);
  if (!callId) {
    const placed = await placeTestCall(ctx.contract, ctx.http, testNumber, {}, ctx.settings.callTimeoutMs);
    callId = (placed.response?.json as Call | undefined)?.id;
    if (!callId)
      return ctx.note(
        `consistency: could not place a call to ${testNumber} (${describeResponse(placed.response, placed.error)}).`,
      );
  }
  const ended = await waitUntilEnded(ctx.contract, ctx.http, callId, ctx.settings.callTimeoutMs);
  if (!ended || !(await waitForNoLiveCall(ctx.contract, ctx.http, testNumber, ctx.settings.callTimeoutMs)))
    return ctx.note(
      `consistency: history deletion not judged: the call to ${testNumber} did not end within --call-timeout.`,
    );
  const listCalls = operation(ctx.contract, 'listCalls');
  const remove = operation(ctx.contract, 'deleteCallHistory');
  const total = async (query: Record<string, string | number>) => {
    const exchange = await ctx.http.call(listCalls, { query: { ...query, pageSize: 1 } });
    return { exchange, total: (exchange.response?.json as { total?: number } | undefined)?.total };
  };
  const mine = await total({ targetNumber: testNumber });
  const everyone = await total({});
  const deleted = await ctx.http.call(remove, { pathParams: { targetNumber: testNumber } });
  const answer = deleted.response?.json as HistoryDeleted | undefined;
  const left = (await total({ targetNumber: testNumber })).total;
  const othersLeft = (await total({})).total;
  // Exactly that number's calls: all of them, and nobody else's (other calls may come meanwhile).
  const others = (everyone.total ?? 0) - (mine.total ?? 0);
  if (answer?.deletedCount === mine.total && left === 0 && (othersLeft ?? 0) >= others) return;
  ctx.fail({
    operationId: remove.operationId,
    title: 'History deletion does not match the calls removed',
    message: `${requestLine(mine.exchange)} listed ${mine.total} calls of ${everyone.total}; ${requestLine(deleted)} answered deletedCount ${answer?.deletedCount}; afterwards ${left} remain for ${testNumber} and ${othersLeft} in all.`,
    expected: `deletedCount ${mine.total}, then 0 calls listed for ${testNumber} and ${others} in all`,
    actual: `deletedCount ${answer?.deletedCount}, then ${left} listed for ${testNumber} and ${othersLeft} in all (${describeResponse(deleted.response, deleted.error)})`,
    specPointer: operationPointer(remove, 'responses', '200'),
    exchange: deleted,
  });
}

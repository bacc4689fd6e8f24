import type { CheckContext } from '../../../contracts/check-context.ts';
import { describeResponse } from '../../../contracts/checks/describe.ts';
import { operation } from '../../../contracts/plan/load-contract.ts';
import type { Exchange } from '../../../contracts/types.ts';
import type { Call, Statistics } from '../models.ts';
import { lastPlacedCall, lifecycle, placeTestCall, waitForNoLiveCall, waitUntilEnded } from './test-calls.ts';

/** Maps the statistics' counters to the call statuses they count. */
const COUNTERS: [keyof Statistics['totals'], string][] = [
  ['completed', 'completed'],
  ['busy', 'busy'],
  ['noAnswer', 'no_answer'],
  ['failed', 'failed'],
];

/** A list's answer and the total it gave. */
export interface Listed {
  exchange: Exchange;
  total: number | undefined;
}

/**
 * The statistics of one window beside the calls listed for it: each counter with the list's total
 * for the same window and status. `settled` is false when the statistics kept changing while
 * counted (live calls), three times over: nothing to judge then.
 */
export interface WindowReading {
  query: Record<string, number>;
  settled: boolean;
  statistics?: { exchange: Exchange; body: Statistics };
  counts: { field: string; figure: number; listed: Listed }[];
}

/** A history deletion: the number's calls and everyone's before, the answer, and what is left after. */
export interface HistoryReading {
  testNumber: string;
  mine: Listed;
  everyone: Listed;
  deleted: Exchange;
  left: number | undefined;
  othersLeft: number | undefined;
}

export interface ConsistencyRecord {
  windows: WindowReading[];
  history?: HistoryReading;
}

/**
 * Reads the statistics of a daily, a monthly and the widest window and lists the calls of each
 * (in all and per status), and, with a test number, deletes that number's history between two
 * counts. What it reads next depends only on what was answered (a window's edges, a live call).
 */
export async function driveConsistency(ctx: CheckContext): Promise<ConsistencyRecord> {
  const record: ConsistencyRecord = { windows: [] };
  if (ctx.selected('getStatistics') && ctx.selected('listCalls'))
    // A daily and a monthly window: each granularity has its own way to get the edges wrong; and
    // the widest the contract allows, so that the derived figures are judged on calls, not zeros.
    for (const window of [{ days: 30 }, { months: 2 }, ...widest(ctx)] as Record<string, number>[]) {
      const reading = await readWindow(ctx, window);
      if (reading) record.windows.push(reading);
    }
  if (!ctx.selected('deleteCallHistory')) return record;
  if (ctx.settings.readOnly) {
    ctx.note('consistency: history deletion not checked in --read-only.');
    return record;
  }
  if (!ctx.settings.testNumber) {
    ctx.note('consistency: history deletion not checked: no --test-number whose history may be deleted.');
    return record;
  }
  const history = await deleteHistory(ctx, ctx.settings.testNumber);
  return history ? { ...record, history } : record;
}

/** getStatistics' `days` at its documented maximum, when it has one. */
function widest(ctx: CheckContext): Record<string, number>[] {
  const days = operation(ctx.contract, 'getStatistics').parameters.find((p) => p.name === 'days');
  const maximum = (days?.schema as { maximum?: number } | undefined)?.maximum;
  return maximum ? [{ days: maximum }] : [];
}

async function readWindow(
  ctx: CheckContext,
  query: Record<string, number>,
): Promise<WindowReading | undefined> {
  const getStatistics = operation(ctx.contract, 'getStatistics');
  const listCalls = operation(ctx.contract, 'listCalls');
  const { live } = lifecycle(ctx.contract);
  // Live calls move while we count: read again until two readings of the statistics agree.
  for (let attempt = 0; attempt < 3; attempt++) {
    const before = await ctx.http.call(getStatistics, { query });
    const stats = before.response?.json as Statistics | undefined;
    if (before.response?.status !== 200 || !stats?.totals) return undefined;
    const window = { from: stats.from, to: stats.to, pageSize: 1 };
    const count = async (status?: string): Promise<Listed> => {
      const exchange = await ctx.http.call(listCalls, {
        query: { ...window, ...(status ? { status } : {}) },
      });
      return { exchange, total: (exchange.response?.json as { total?: number } | undefined)?.total };
    };
    const counts: WindowReading['counts'] = [
      { field: 'calls', figure: stats.totals.calls, listed: await count() },
    ];
    for (const [field, status] of COUNTERS)
      counts.push({ field, figure: stats.totals[field], listed: await count(status) });
    counts.push({ field: 'live', figure: stats.totals.live, listed: await count(live.join(',')) });
    const after = await ctx.http.call(getStatistics, { query });
    const same =
      JSON.stringify((after.response?.json as Statistics | undefined)?.totals) ===
      JSON.stringify(stats.totals);
    if (same) return { query, settled: true, statistics: { exchange: before, body: stats }, counts };
  }
  return { query, settled: false, counts: [] };
}

async function deleteHistory(ctx: CheckContext, testNumber: string): Promise<HistoryReading | undefined> {
  // A call this run already placed (the flows', conflict's) serves as well as a new one and has
  // been running meanwhile: waiting for its end costs less than placing and waiting out another.
  let callId = lastPlacedCall(ctx.exchanges(), testNumber);
  if (!callId) {
    const placed = await placeTestCall(ctx.contract, ctx.http, testNumber, {}, ctx.settings.callTimeoutMs);
    callId = (placed.response?.json as Call | undefined)?.id;
    if (!callId) {
      ctx.note(
        `consistency: could not place a call to ${testNumber} (${describeResponse(placed.response, placed.error)}).`,
      );
      return undefined;
    }
  }
  // The run's recorder hears the call.ended: the end is read as soon as it comes (test-calls.ts).
  const ended = await waitUntilEnded(
    ctx.contract,
    ctx.http,
    callId,
    ctx.settings.callTimeoutMs,
    ctx.events?.socket,
  );
  if (!ended || !(await waitForNoLiveCall(ctx.contract, ctx.http, testNumber, ctx.settings.callTimeoutMs))) {
    ctx.note(
      `consistency: history deletion not judged: the call to ${testNumber} did not end within --call-timeout.`,
    );
    return undefined;
  }
  const listCalls = operation(ctx.contract, 'listCalls');
  const total = async (query: Record<string, string | number>): Promise<Listed> => {
    const exchange = await ctx.http.call(listCalls, { query: { ...query, pageSize: 1 } });
    return { exchange, total: (exchange.response?.json as { total?: number } | undefined)?.total };
  };
  const mine = await total({ targetNumber: testNumber });
  const everyone = await total({});
  const deleted = await ctx.http.call(operation(ctx.contract, 'deleteCallHistory'), {
    pathParams: { targetNumber: testNumber },
  });
  const left = (await total({ targetNumber: testNumber })).total;
  const othersLeft = (await total({})).total;
  return { testNumber, mine, everyone, deleted, left, othersLeft };
}

import type { JudgeContext } from '../../../../contracts/check-context.ts';
import { describeResponse, requestLine } from '../../../../contracts/checks/describe.ts';
import type { Check } from '../../../../contracts/checks/types.ts';
import { operation } from '../../../../contracts/plan/load-contract.ts';
import { operationPointer, specPointer } from '../../../../contracts/plan/spec-pointer.ts';
import type { HistoryDeleted } from '../../models.ts';
import {
  type ConsistencyRecord,
  driveConsistency,
  type HistoryReading,
  type WindowReading,
} from '../drive-consistency.ts';
import { type Derivations, derivedProblems } from './derived-figures.ts';

/**
 * The figures agree with the data: the statistics of a window count exactly the calls the list
 * answers for that window (in all and per status), the series adds up to the totals, and deleting
 * a number's history removes exactly the number of calls it reports (with --test-number).
 */
export const consistency: Check<ConsistencyRecord> = {
  name: 'consistency',
  catches:
    'Statistics that disagree with the calls listed for the same window, a series that does not add up to the totals, a history deletion whose deletedCount is not the number of calls removed.',
  mutates: false,
  // Its history deletion waits for the run's call to end: beside the checks that do not wait.
  awaitsRealWorld: true,
  skipReason(ctx) {
    const has = (id: string) => ctx.contract.byId.has(id) && ctx.selected(id);
    if ((has('getStatistics') && has('listCalls')) || has('deleteCallHistory')) return undefined;
    return 'the run has no statistics and call list (getStatistics, listCalls) nor history deletion (deleteCallHistory) to compare';
  },
  // drive-consistency.ts reads the statistics and the call lists and deletes the history.
  drive: driveConsistency,
  judge(ctx, { windows, history }) {
    for (const window of windows) judgeWindow(ctx, window);
    if (history) judgeHistory(ctx, history);
  },
};

function judgeWindow(ctx: JudgeContext, { query, settled, statistics, counts }: WindowReading): void {
  const getStatistics = operation(ctx.contract, 'getStatistics');
  if (!settled || !statistics) {
    ctx.note(
      `consistency: statistics (${JSON.stringify(query)}) kept changing while counted (live calls); not judged.`,
    );
    return;
  }
  const { exchange: before, body: stats } = statistics;
  for (const { field, figure, listed } of counts) {
    if (listed.total === figure) continue;
    ctx.fail({
      operationId: getStatistics.operationId,
      title: `Statistics totals.${field} disagrees with the call list`,
      message: `${requestLine(before)} says totals.${field} = ${figure}, but ${requestLine(listed.exchange)} lists ${listed.total} calls.`,
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
}

/** Exactly that number's calls are deleted: all of them, and nobody else's (other calls may come meanwhile). */
function judgeHistory(ctx: JudgeContext, h: HistoryReading): void {
  const remove = operation(ctx.contract, 'deleteCallHistory');
  const answer = h.deleted.response?.json as HistoryDeleted | undefined;
  const others = (h.everyone.total ?? 0) - (h.mine.total ?? 0);
  if (answer?.deletedCount === h.mine.total && h.left === 0 && (h.othersLeft ?? 0) >= others) return;
  ctx.fail({
    operationId: remove.operationId,
    title: 'History deletion does not match the calls removed',
    message: `${requestLine(h.mine.exchange)} listed ${h.mine.total} calls of ${h.everyone.total}; ${requestLine(h.deleted)} answered deletedCount ${answer?.deletedCount}; afterwards ${h.left} remain for ${h.testNumber} and ${h.othersLeft} in all.`,
    expected: `deletedCount ${h.mine.total}, then 0 calls listed for ${h.testNumber} and ${others} in all`,
    actual: `deletedCount ${answer?.deletedCount}, then ${h.left} listed for ${h.testNumber} and ${h.othersLeft} in all (${describeResponse(h.deleted.response, h.deleted.error)})`,
    specPointer: operationPointer(remove, 'responses', '200'),
    exchange: h.deleted,
  });
}

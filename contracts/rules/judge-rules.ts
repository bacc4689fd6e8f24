import { CHECKS } from '../checks/index.ts';
import type { CheckResult, Exchange } from '../types.ts';
import type { Statement } from './inventory.ts';
import { checkOf } from './rule-kinds.ts';
import type { RuleRow } from './rule-row.ts';

/**
 * Pairs each statement with its kind's judging check and, given a run's exchanges and results,
 * counts the exchanges that check judged for it: those of the statement's operation (and status),
 * sent by the check itself or its drivers, or any answer for the checks that judge every answer.
 * A check that was skipped or left out judged nothing.
 */
export function judgeRules(
  statements: Statement[],
  run?: { exchanges: Exchange[]; checks: CheckResult[] },
): RuleRow[] {
  return statements.map((statement) => {
    const check = checkOf(statement);
    if (!run) return { ...statement, check };
    const result = run.checks.find((c) => c.name === check);
    if (!check || !result || result.status === 'skipped')
      return { ...statement, check, judged: 0, result: result?.status ?? 'not run' };
    const definition = CHECKS.find((c) => c.name === check);
    const senders = new Set([check, ...(definition?.drivers ?? [])]);
    const everyAnswer =
      (definition?.phase === 'judge' && !definition.drivers) || READS_EVERY_ANSWER.has(check);
    const judged = run.exchanges.filter(
      (e) =>
        e.response !== undefined &&
        (everyAnswer || senders.has(e.by)) &&
        (!statement.operationId || e.operationId === statement.operationId) &&
        statusMatches(statement.status, e.response.status) &&
        (!statement.sends || `${e.request.url} ${e.request.body ?? ''}`.includes(statement.sends)),
    ).length;
    return { ...statement, check, judged, result: result.status };
  });
}

/** Checks that send requests of their own but judge every answer of the run too (rate_limit's headers). */
const READS_EVERY_ANSWER = new Set(['rate_limit']);

/** Whether an answer's status falls under a documented one (`201`, `4XX`, `default`; `error`: 400 and up). */
function statusMatches(documented: string | undefined, status: number): boolean {
  if (documented === undefined || documented === 'default') return true;
  if (documented === 'error') return status >= 400;
  if (/^\dXX$/i.test(documented)) return String(status)[0] === documented[0];
  return String(status) === documented;
}

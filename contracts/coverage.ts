import type { SpecOperation } from '../mock/openapi/operations.ts';
import { documentedStatuses } from './plan/spec-pointer.ts';
import type { CheckResult, Coverage, Exchange } from './types.ts';

/**
 * What the run reached: per operation, whether it was called and whether it answered a 2xx, which documented statuses were
 * seen (and which undocumented ones), and which checks sent to it or judged it.
 */
export function computeCoverage(
  operations: SpecOperation[],
  exchanges: Exchange[],
  checks: CheckResult[],
): Coverage {
  const rows = operations.map((op) => {
    const sent = exchanges.filter((e) => e.operationId === op.operationId && !e.cancelled);
    const mine = sent.filter((e) => e.response);
    const observed = [...new Set(mine.map((e) => String(e.response?.status)))].sort();
    return {
      operationId: op.operationId,
      method: op.method.toUpperCase(),
      path: op.path,
      // Called is not exercised: only a 2xx shows the operation did its job once.
      exercised: mine.some((e) => (e.response?.status ?? 0) >= 200 && (e.response?.status ?? 0) < 300),
      called: sent.length > 0,
      documentedStatuses: documentedStatuses(op),
      observedStatuses: observed,
      checks: checks.filter((c) => c.operations.includes(op.operationId)).map((c) => c.name),
    };
  });
  const documented = rows.flatMap((r) => r.documentedStatuses.map((s) => `${r.operationId}:${s}`));
  const seen = new Set(rows.flatMap((r) => r.observedStatuses.map((s) => `${r.operationId}:${s}`)));
  return {
    operations: rows,
    operationsExercised: rows.filter((r) => r.exercised).length,
    operationsCalled: rows.filter((r) => r.called).length,
    operationsTotal: rows.length,
    statusesDocumented: documented.length,
    statusesObserved: documented.filter((d) => seen.has(d)).length,
  };
}

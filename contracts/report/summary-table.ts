import type { RunResult } from '../run-result.ts';

/** Pads a table's columns; the first row is the header. */
export function renderTable(rows: string[][]): string {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? [];
  const line = (r: string[]) =>
    r
      .map((cell, i) => cell.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  const [head, ...body] = rows;
  return [line(head ?? []), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}

/** The closing table: one row per check, with its verdict, failures, requests and operations. */
export function summaryTable(result: RunResult): string {
  const rows = [['check', 'result', 'failures', 'sent', 'judged', 'operations']];
  for (const c of result.checks)
    rows.push([
      c.name,
      c.status.toUpperCase(),
      String(c.failures.length),
      String(c.requests),
      String(c.judged),
      String(c.operations.length),
    ]);
  return renderTable(rows);
}

/** Coverage in a table: operations, the documented statuses seen, the checks that reached them. */
export function coverageTable(result: RunResult): string {
  const rows = [['operation', 'statuses seen / documented', 'undocumented seen', 'checks']];
  for (const op of result.coverage.operations) {
    const seen = op.documentedStatuses.filter((s) => op.observedStatuses.includes(s));
    const extra = op.observedStatuses.filter((s) => !op.documentedStatuses.includes(s));
    rows.push([
      `${op.exercised ? ' ' : op.called ? '!' : '?'} ${op.operationId}`,
      `${seen.join(' ') || '-'} / ${op.documentedStatuses.join(' ')}`,
      extra.join(' ') || '-',
      String(op.checks.length),
    ]);
  }
  const c = result.coverage;
  return `${renderTable(rows)}\n${c.operationsExercised}/${c.operationsTotal} operations answered 2xx (${c.operationsCalled} called), ${c.statusesObserved}/${c.statusesDocumented} documented statuses seen ('!' = called, never a 2xx; '?' = never called).`;
}

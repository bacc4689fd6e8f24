import type { ProgressEvent } from '../run-contract.ts';
import type { Failure, RunResult } from '../types.ts';
import { coverageTable, summaryTable } from './summary-table.ts';

/** One progress line per stage and per finished check. */
export function progressLine(event: ProgressEvent): string {
  if (event.kind === 'stage') return `… ${event.text}`;
  const r = event.result;
  if (r.status === 'skipped')
    return `- ${r.name} SKIPPED: ${r.notes.map((n) => n.replace(/^\S+: skipped: /, '')).join(' ')}`;
  const mark = r.status === 'passed' ? '✔' : r.status === 'failed' ? '✘' : '-';
  const failures = r.failures.length
    ? `, ${r.failures.length} failure${r.failures.length > 1 ? 's' : ''}`
    : '';
  return `${mark} ${r.name} (${r.requests} sent, ${r.judged} judged, ${(r.durationMs / 1000).toFixed(1)} s${failures})`;
}

/** A failure as a developer reads it: what, where in the spec, expected and actual, and the curl. */
export function renderFailure(failure: Failure, index: number): string {
  const times = failure.occurrences && failure.occurrences > 1 ? ` (×${failure.occurrences})` : '';
  return [
    `${index}. [${failure.check}] ${failure.operationId ?? '-'}: ${failure.title}${times}`,
    `   ${failure.message}`,
    `   expected: ${failure.expected}`,
    `   actual:   ${failure.actual}`,
    `   spec:     ${failure.specPointer}`,
    ...(failure.curl ? [`   replay:   ${failure.curl}`] : []),
  ].join('\n');
}

/** The whole closing report: failures, notes, coverage, the summary table and the verdict. */
export function renderReport(result: RunResult, options: { quiet?: boolean } = {}): string {
  const out: string[] = [];
  if (result.fatal) {
    out.push(`✘ ${result.fatal}`);
    return out.join('\n');
  }
  if (result.failures.length)
    out.push('', 'Failures', '', ...result.failures.map((f, i) => renderFailure(f, i + 1)));
  const notes = [...result.notes, ...result.checks.flatMap((c) => c.notes)];
  if (notes.length && !options.quiet) out.push('', 'Notes', ...notes.map((n) => `- ${n}`));
  if (!options.quiet) out.push('', 'Coverage', coverageTable(result));
  out.push('', summaryTable(result), '');
  const count = (status: string) => result.checks.filter((c) => c.status === status).length;
  const skipped = count('skipped') ? `, ${count('skipped')} skipped` : '';
  const verdict = result.ok
    ? `✔ ${result.baseUrl} keeps the contract: ${count('passed')} checks passed${skipped}, ${result.requests} requests`
    : `✘ ${result.baseUrl} breaks the contract: ${result.failures.length} failure${result.failures.length === 1 ? '' : 's'} in ${result.checks.filter((c) => c.status === 'failed').length} checks`;
  out.push(`${verdict} (seed ${result.seed}; replay with --seed ${result.seed}).`);
  return out.join('\n');
}

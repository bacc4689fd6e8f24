import type { ProgressEvent } from '../run-contract.ts';
import type { RunResult } from '../run-result.ts';
import type { Failure } from '../types.ts';
import { coverageTable, summaryTable } from './summary-table.ts';

/** One progress line per stage and per finished check; nothing for the live status's events. */
export function progressLine(event: ProgressEvent): string | undefined {
  if (event.kind === 'stage') return `… ${event.text}`;
  if (event.kind !== 'check') return undefined;
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
  if (result.ended === 'timeout')
    out.push(`✘ The run's --timeout passed: what follows is what it found until then.`);
  if (result.ended === 'interrupted')
    out.push('✘ Interrupted: what follows is what the run found until then.');
  if (result.failures.length)
    out.push('', 'Failures', '', ...result.failures.map((f, i) => renderFailure(f, i + 1)));
  const notes = [...result.notes, ...result.checks.flatMap((c) => c.notes)];
  if (notes.length && !options.quiet) out.push('', 'Notes', ...notes.map((n) => `- ${n}`));
  if (!options.quiet) out.push('', 'Coverage', coverageTable(result));
  out.push('', summaryTable(result), '');
  if (result.leftovers.length)
    out.push('Left behind (remove by hand):', ...result.leftovers.map((l) => `- ${l}`), '');
  const count = (status: string) => result.checks.filter((c) => c.status === status).length;
  const skipped = count('skipped') ? `, ${count('skipped')} skipped` : '';
  const failed = result.checks.filter((c) => c.status === 'failed').length;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const cut = result.ended
    ? ` (the run ${result.ended === 'timeout' ? 'timed out' : 'was interrupted'} before its end)`
    : '';
  let verdict: string;
  if (result.failures.length)
    verdict = `✘ ${result.baseUrl} breaks the contract: ${plural(result.failures.length, 'failure')} in ${plural(failed, 'check')}${cut}`;
  else if (result.ended) verdict = `✘ ${result.baseUrl}: no verdict, no failure found${cut}`;
  else if (result.leftovers.length)
    verdict = `✘ ${result.baseUrl} keeps the contract, but the run left ${plural(result.leftovers.length, 'thing')} behind`;
  else
    verdict = `✔ ${result.baseUrl} keeps the contract: ${count('passed')} checks passed${skipped}, ${result.requests} requests`;
  out.push(`${verdict} (seed ${result.seed}; replay with --seed ${result.seed}).`);
  return out.join('\n');
}

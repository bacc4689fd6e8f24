import type { DescriptionReport } from '../../tests/corpus/corpus-entries.ts';

const kb = (bytes: number) =>
  bytes >= 2 ** 20 ? `${(bytes / 2 ** 20).toFixed(1)} MB` : `${Math.round(bytes / 1024)} kB`;

/** The corpus as a Markdown table (one row a description, a total), then every failure by description. */
export function corpusTable(reports: DescriptionReport[], sampling: string): string {
  const noted = (r: DescriptionReport) => Object.keys(r.roundTrips.noted ?? {}).length;
  const left = (r: DescriptionReport) => (r.leftBehind ?? []).length + (r.runner?.leftovers ?? 0);
  const rows = reports.map((r) => {
    const trips = r.roundTrips.passed.length + Object.keys(r.roundTrips.failed).length;
    return [
      r.id,
      r.version,
      kb(r.bytes),
      r.aborted ? `stopped (${r.aborted})` : r.started ? 'yes' : 'NO',
      `${r.sent}/${r.operations}`,
      Object.keys(r.serverErrors).length,
      Object.keys(r.invalid).length,
      `${r.roundTrips.passed.length}/${trips}${noted(r) > 0 ? ` (${noted(r)} noted)` : ''}`,
      left(r),
      r.runner ? (r.runner.ok ? 'passes' : `fails: ${r.runner.failedChecks.join(', ') || 'leftovers'}`) : '-',
      r.started ? `${(r.startMs / 1000).toFixed(1)} s` : '-',
      r.started ? `${r.rssMb} MB` : '-',
      `${r.peakRssMb} MB`,
    ];
  });
  const started = reports.filter((r) => r.started && !r.aborted);
  const sum = (f: (r: DescriptionReport) => number) => reports.reduce((n, r) => n + f(r), 0);
  const starts = started.map((r) => r.startMs).sort((a, b) => a - b);
  const median = starts[Math.floor(starts.length / 2)] ?? 0;
  const trips = sum((r) => r.roundTrips.passed.length + Object.keys(r.roundTrips.failed).length);
  const total = [
    `**${reports.length} descriptions**`,
    '',
    '',
    `${started.length}`,
    `${sum((r) => r.sent)}`,
    `${sum((r) => Object.keys(r.serverErrors).length)}`,
    `${sum((r) => Object.keys(r.invalid).length)}`,
    `${sum((r) => r.roundTrips.passed.length)}/${trips}${sum(noted) > 0 ? ` (${sum(noted)} noted)` : ''}`,
    `${sum(left)}`,
    `${reports.filter((r) => r.runner?.ok).length} pass`,
    `median ${(median / 1000).toFixed(1)} s`,
    '',
    `max ${Math.max(0, ...reports.map((r) => r.peakRssMb))} MB`,
  ];
  const head = [
    'description',
    'OpenAPI',
    'size',
    'starts',
    'answers sent',
    '5xx',
    'invalid',
    'round trips',
    'left behind',
    'runner',
    'start',
    'RSS',
    'peak RSS',
  ];
  const line = (cells: unknown[]) => `| ${cells.join(' | ')} |`;
  const failures = reports.flatMap((r) => [
    ...(r.started ? [] : [`- ${r.id}: does not start: ${r.startError}`]),
    ...(r.started && r.aborted ? [`- ${r.id}: its check was stopped: ${r.aborted}`] : []),
    ...(r.runner && !r.runner.ok ? [`- ${r.id}: runner fails: ${r.runner.failedChecks.join(', ')}`] : []),
    ...Object.entries(r.unsent).map(([op, why]) => `- ${r.id}: not sent ${op}: ${why}`),
    ...(r.unjudged ?? []).map((why) => `- ${r.id}: not judged ${why}`),
    ...Object.entries(r.serverErrors).map(([op, why]) => `- ${r.id}: 5xx ${op}: ${why}`),
    ...Object.entries(r.invalid).map(([op, why]) => `- ${r.id}: invalid ${op}: ${why}`),
    ...Object.entries(r.roundTrips.failed).map(([name, why]) => `- ${r.id}: round trip ${name}: ${why}`),
    ...(r.leftBehind ?? []).map((line) => `- ${r.id}: left behind ${line}`),
    ...(r.runner?.leftovers ? [`- ${r.id}: the runner left ${r.runner.leftovers} behind`] : []),
  ]);
  const notes = reports.flatMap((r) =>
    Object.entries(r.roundTrips.noted ?? {}).map(([name, why]) => `- ${r.id}: round trip ${name}: ${why}`),
  );
  return [
    `Corpus (${sampling}; answers judged by Ajv over each published document):`,
    '',
    line(head),
    line(head.map(() => '---')),
    ...rows.map(line),
    line(total),
    '',
    'Failures:',
    '',
    ...failures,
    '',
    "Notes (the description's own defect, neither passed nor failed):",
    '',
    ...(notes.length > 0 ? notes : ['- none']),
  ].join('\n');
}

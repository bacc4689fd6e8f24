import type { RunResult } from '../run-result.ts';
import { renderFailure } from './console.ts';

function escapeXml(text: string): string {
  // XML 1.0 forbids most control characters even when escaped; generated inputs can carry them.
  const printable = [...text]
    .filter((ch) => ch.charCodeAt(0) >= 0x20 || ch === '\n' || ch === '\t' || ch === '\r')
    .join('');
  return printable
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;');
}

/**
 * JUnit XML for CI: a test suite per check, a test case per operation the check reached (plus one
 * for failures outside any operation), failed with every failure's full text. A skipped check is
 * one `<skipped message="why"/>` case. Counts are of test cases, summed upwards, so the root and
 * its suites always agree.
 */
export function renderJunit(result: RunResult): string {
  const suites: { tests: number; failures: number; skipped: number; xml: string[] }[] = [];
  if (result.fatal)
    suites.push({
      tests: 1,
      failures: 1,
      skipped: 0,
      xml: [
        `  <testsuite name="connect" tests="1" failures="1" skipped="0">`,
        `    <testcase classname="connect" name="connect"><failure message="${escapeXml(result.fatal)}"/></testcase>`,
        '  </testsuite>',
      ],
    });
  for (const check of result.checks) {
    const time = check.durationMs / 1000;
    if (check.status === 'skipped') {
      const why = check.notes.join(' ') || 'nothing to check';
      suites.push({
        tests: 1,
        failures: 0,
        skipped: 1,
        xml: [
          `  <testsuite name="${check.name}" tests="1" failures="0" skipped="1" time="${time}">`,
          `    <testcase classname="${check.name}" name="(skipped)"><skipped message="${escapeXml(why)}"/></testcase>`,
          '  </testsuite>',
        ],
      });
      continue;
    }
    const cases = new Set(check.operations);
    for (const f of check.failures) cases.add(f.operationId ?? '(no operation)');
    if (cases.size === 0) cases.add('(all)');
    const xml: string[] = [];
    let failed = 0;
    for (const name of [...cases].sort()) {
      const failures = check.failures.filter((f) => (f.operationId ?? '(no operation)') === name);
      if (failures.length) failed++;
      xml.push(`    <testcase classname="${check.name}" name="${escapeXml(name)}">`);
      for (const [i, f] of failures.entries())
        xml.push(
          `      <failure message="${escapeXml(f.title)}" type="${check.name}">${escapeXml(renderFailure(f, i + 1))}</failure>`,
        );
      xml.push('    </testcase>');
    }
    suites.push({
      tests: cases.size,
      failures: failed,
      skipped: 0,
      xml: [
        `  <testsuite name="${check.name}" tests="${cases.size}" failures="${failed}" skipped="0" time="${time}">`,
        ...xml,
        '  </testsuite>',
      ],
    });
  }
  const sum = (key: 'tests' | 'failures' | 'skipped') => suites.reduce((n, s) => n + s[key], 0);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="contract ${escapeXml(result.baseUrl)}" tests="${sum('tests')}" failures="${sum('failures')}" skipped="${sum('skipped')}" time="${result.durationMs / 1000}">`,
    ...suites.flatMap((s) => s.xml),
    '</testsuites>',
    '',
  ].join('\n');
}

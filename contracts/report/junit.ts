import type { RunResult } from '../types.ts';
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
 * for failures outside any operation), failed with every failure's full text.
 */
export function renderJunit(result: RunResult): string {
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>'];
  const total = result.checks.reduce((n, c) => n + Math.max(1, c.operations.length), 0);
  lines.push(
    `<testsuites name="contract ${escapeXml(result.baseUrl)}" tests="${total}" failures="${result.failures.length}" time="${result.durationMs / 1000}">`,
  );
  if (result.fatal)
    lines.push(
      `  <testsuite name="connect" tests="1" failures="1"><testcase name="connect"><failure message="${escapeXml(result.fatal)}"/></testcase></testsuite>`,
    );
  for (const check of result.checks) {
    const cases = new Set(check.operations);
    for (const f of check.failures) cases.add(f.operationId ?? '(no operation)');
    if (cases.size === 0) cases.add('(all)');
    lines.push(
      `  <testsuite name="${check.name}" tests="${cases.size}" failures="${check.failures.length}" time="${check.durationMs / 1000}">`,
    );
    for (const name of [...cases].sort()) {
      const failures = check.failures.filter((f) => (f.operationId ?? '(no operation)') === name);
      lines.push(`    <testcase classname="${check.name}" name="${escapeXml(name)}">`);
      for (const [i, f] of failures.entries())
        lines.push(
          `      <failure message="${escapeXml(f.title)}" type="${check.name}">${escapeXml(renderFailure(f, i + 1))}</failure>`,
        );
      if (check.status === 'skipped') lines.push('      <skipped/>');
      lines.push('    </testcase>');
    }
    lines.push('  </testsuite>');
  }
  lines.push('</testsuites>', '');
  return lines.join('\n');
}

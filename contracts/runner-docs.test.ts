import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { callCenterRunner } from '../profiles/call-center/runner/index.ts';
import { CHECKS } from './checks/index.ts';
import { RUNNER_OPTIONS } from './options.ts';

// docs/runner.md is written by hand; this keeps it from forgetting a flag or a check.
describe('docs/runner.md on the contract runner', () => {
  it('documents every flag and every check, with an example failure of each check', async () => {
    const text = await readFile(new URL('../docs/runner.md', import.meta.url), 'utf8');
    for (const option of RUNNER_OPTIONS) expect(text).toContain(`| \`${option.flag}\` |`);
    for (const check of [...CHECKS, ...(callCenterRunner.checks ?? [])]) {
      expect(text).toContain(`| \`${check.name}\` |`);
      expect(text).toContain(`[${check.name}]`);
    }
  });
});

import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { DIFF_OPTIONS } from './options.ts';
import { RULE_NAMES, RULES } from './rules.ts';

// docs/contract-diff.md is written by hand; this keeps it from forgetting a rule or a flag.
describe('docs/contract-diff.md on the breaking-change check', () => {
  it('lists every rule with who it breaks, and every flag', async () => {
    const section = await readFile(new URL('../../docs/contract-diff.md', import.meta.url), 'utf8');
    expect(section.startsWith('# Contract changes: the breaking-change check')).toBe(true);
    for (const rule of RULE_NAMES) {
      const breaks = RULES[rule].breaks;
      const who =
        breaks.length === 0
          ? 'compatible'
          : breaks.map((p) => (p === 'client' ? 'clients' : 'servers')).join(' and ');
      expect(section).toContain(`| \`${rule}\` | ${RULES[rule].what} | ${who} |`);
    }
    for (const option of DIFF_OPTIONS) expect(section).toContain(`| \`${option.flag}\` |`);
  });
});

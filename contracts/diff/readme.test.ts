import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { DIFF_OPTIONS } from './options.ts';
import { RULE_NAMES, RULES } from './rules.ts';

// The README's section on the check is written by hand; this keeps it from forgetting a rule or a flag.
describe('the README section on the breaking-change check', () => {
  it('lists every rule with who it breaks, and every flag', async () => {
    const readme = await readFile(new URL('../../README.md', import.meta.url), 'utf8');
    const start = readme.indexOf('## Contract changes: the breaking-change check');
    expect(start).toBeGreaterThan(-1);
    const section = readme.slice(start, readme.indexOf('\n## ', start + 1));
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

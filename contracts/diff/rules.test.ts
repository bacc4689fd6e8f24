import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { classify } from './classify.ts';
import { compareVersions } from './compare-versions.ts';
import { loadVersion } from './load-versions.ts';
import { RULE_NAMES, RULES, type RuleName } from './rules.ts';

const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));

/** fixtures/<rule>/ and variants fixtures/<rule>--<what it adds>/, each with before.yaml and after.yaml. */
const fixtures = readdirSync(FIXTURES).map((dir) => [dir, dir.split('--')[0] as RuleName] as const);

async function diff(dir: string) {
  const [base, head] = await Promise.all([
    loadVersion(`${dir}/before.yaml`, FIXTURES),
    loadVersion(`${dir}/after.yaml`, FIXTURES),
  ]);
  if (!base.ok || !head.ok)
    throw new Error(`${dir}: ${!base.ok ? base.message : !head.ok ? head.message : ''}`);
  const changes = compareVersions(base.version, head.version);
  return {
    changes,
    verdict: classify(changes, base.version, head.version, { failOn: 'any', allowBreaking: false }),
  };
}

describe('the rules table', () => {
  it('has a fixture pair for every rule, and no fixture for a rule it lacks', () => {
    const covered = new Set(fixtures.map(([, rule]) => rule));
    expect(RULE_NAMES.filter((rule) => !covered.has(rule))).toEqual([]);
    expect([...covered].filter((rule) => !(rule in RULES))).toEqual([]);
  });
});

describe.each(fixtures)('fixture %s', (dir, rule) => {
  const breaking = RULES[rule].breaks.length > 0;
  it(`reports only ${rule}, and the check ${breaking ? 'fails' : 'passes'}`, async () => {
    const { changes, verdict } = await diff(dir);
    expect(changes.length).toBeGreaterThan(0);
    expect([...new Set(changes.map((c) => c.rule))]).toEqual([rule]);
    for (const change of changes) {
      expect(change.breaks).toEqual(RULES[rule].breaks);
      expect(change.before ?? change.after).toMatch(/^(openapi|asyncapi)\.yaml#\//);
    }
    expect(verdict.failing.length > 0).toBe(breaking);
  });
});

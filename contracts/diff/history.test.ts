import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ROOT_DIR } from '../../mock/openapi/paths.ts';
import { compareVersions } from './compare-versions.ts';
import { loadVersion } from './load-versions.ts';
import { RULES } from './rules.ts';
import type { ContractVersion } from './types.ts';

/**
 * The check over this project's own history of openapi.yaml and asyncapi.yaml: every commit that
 * changed them, against the one before. Commits are named by hash, so the expectations hold on any
 * clone with history; a shallow clone (CI's default checkout) skips them and says why.
 */
const HISTORY = [
  // The first contract, then named response examples: prose only, no rule fires.
  { base: '01b686c', head: 'a1331c8', rules: {} },
  // Topic names, questions and answers must not be blank (pattern \S): narrower requests break
  // clients that send blanks; narrower responses and events break servers that answer them.
  {
    base: 'a1331c8',
    head: '7fd59d8',
    rules: { 'request-constraint-tightened': 5, 'response-constraint-tightened': 16 },
  },
  // Logging out closes open sockets: described in asyncapi.yaml's prose, no schema changed.
  { base: '7fd59d8', head: '6b43cfb', rules: {} },
  // The same edit read backwards: each narrowing becomes a widening that breaks the other party.
  {
    base: '7fd59d8',
    head: 'a1331c8',
    rules: { 'request-constraint-loosened': 5, 'response-constraint-loosened': 16 },
  },
  // The RateLimit-* headers written out on every status instead of through a YAML alias, and declared
  // on the error answers too (optional there): every header schema compared, none changed.
  { base: '9d78ecf', head: 'e353f89', rules: {} },
  // x-constraints declared: from before to, days or months, topicId and fileId naming stored records.
  // The descriptions had stated all but from-before-to in prose, which the check does not read: each
  // rule narrows what the machine-readable contract accepts (a reviewer acknowledges what the prose
  // already said); read backwards, each widens it.
  { base: 'dccb399', head: '125b40f', rules: { 'cross-field-rule-tightened': 4 } },
  { base: '125b40f', head: 'dccb399', rules: { 'cross-field-rule-loosened': 4 } },
];

const has = (ref: string) => {
  try {
    execFileSync('git', ['cat-file', '-e', `${ref}^{commit}`], { cwd: ROOT_DIR, stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};
// Each version is loaded (parsed and validated, about a second) once for the whole file.
const loaded = new Map<string, ReturnType<typeof loadVersion>>();
const load = (ref: string) => {
  if (!loaded.has(ref)) loaded.set(ref, loadVersion(ref, ROOT_DIR));
  return loaded.get(ref) as ReturnType<typeof loadVersion>;
};

const available = HISTORY.every(({ base, head }) => has(base) && has(head));

describe.skipIf(!available)('the contract’s own git history (needs a clone with history)', () => {
  it.each(HISTORY)('$base -> $head', async ({ base, head, rules }) => {
    const [a, b] = await Promise.all([load(base), load(head)]);
    if (!a.ok || !b.ok) throw new Error('could not load the versions');
    const counts: Record<string, number> = {};
    for (const change of compareVersions(a.version, b.version))
      counts[change.rule] = (counts[change.rule] ?? 0) + 1;
    expect(counts).toEqual(rules);
  });

  it('names the operations and events a real change touched, with pointers to the schema edited', async () => {
    const [a, b] = await Promise.all([load('a1331c8'), load('7fd59d8')]);
    if (!a.ok || !b.ok) throw new Error('could not load the versions');
    const changes = compareVersions(a.version, b.version);
    expect(changes).toContainEqual({
      rule: 'request-constraint-tightened',
      breaks: ['client'],
      subject: 'POST /topics',
      message: 'request body (application/json).name: pattern "\\S" added',
      before: 'openapi.yaml#/components/schemas/TopicInput/properties/name',
      after: 'openapi.yaml#/components/schemas/TopicInput/properties/name',
    });
    expect(new Set(changes.map((c) => c.subject))).toContain('event topic.created');
  });

  it('every recent commit that changed the contract, against its parent: known rules, pointers that exist', async () => {
    // The last ten, so that the test does not grow with the history.
    const pairs = execFileSync(
      'git',
      ['log', '-10', '--format=%h %p', '--', 'openapi.yaml', 'asyncapi.yaml'],
      {
        cwd: ROOT_DIR,
        encoding: 'utf8',
      },
    )
      .split('\n')
      .map((line) => line.split(' '))
      .filter((pair): pair is [string, string] => pair.length >= 2 && pair[1] !== '');
    expect(pairs.length).toBeGreaterThan(0);
    for (const [commit, parent] of pairs) {
      const [a, b] = await Promise.all([load(parent), load(commit)]);
      // The first commit of the contract has a parent without it: nothing to compare.
      if (!a.ok) continue;
      if (!b.ok) throw new Error(`${commit}: ${b.message}`);
      for (const change of compareVersions(a.version, b.version)) {
        expect(RULES[change.rule], change.rule).toBeDefined();
        if (change.before) expect(resolves(a.version, change.before), change.before).toBe(true);
        if (change.after) expect(resolves(b.version, change.after), change.after).toBe(true);
      }
    }
    // Ten git reads and twenty contract loads: 12 s alone on 2 cores, over 30 s beside the rest of the suite.
  }, 120_000);
});

/** True when `file#/json/pointer` names a value in the version. */
function resolves(version: ContractVersion, where: string): boolean {
  const [file = '', pointer = ''] = where.split('#');
  let value: unknown = version.files[file];
  for (const key of pointer.split('/').slice(1)) {
    const name = key.replaceAll('~1', '/').replaceAll('~0', '~');
    if (!value || typeof value !== 'object' || !(name in value)) return false;
    value = (value as Record<string, unknown>)[name];
  }
  return true;
}

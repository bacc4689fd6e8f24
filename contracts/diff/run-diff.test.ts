import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT_DIR } from '../../mock/openapi/paths.ts';
import { runDiff } from './run-diff.ts';

const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));
const fixture = (rule: string, side: 'before' | 'after') => join(FIXTURES, rule, `${side}.yaml`);

async function run(...argv: string[]) {
  let out = '';
  let err = '';
  const code = await runDiff(argv, { cwd: ROOT_DIR, out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

let scratch = '';
beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'contract-diff-test-'));
});

/** A copy of a fixture's after.yaml with `x-breaking-changes` entries appended. */
async function withAcknowledgement(rule: string, entries: string, name = 'after.yaml'): Promise<string> {
  const path = join(scratch, `${rule}-${name}`);
  await writeFile(path, `${await readFile(fixture(rule, 'after'), 'utf8')}x-breaking-changes:\n${entries}`);
  return path;
}

describe('contract:diff bad input and edge cases', () => {
  it.each([
    [
      'a base ref that does not exist',
      ['--base', 'no-such-ref-anywhere'],
      /^contract:diff: base "no-such-ref-anywhere" is neither a file, a folder nor a git ref\n$/,
    ],
    [
      'a file that is not a contract',
      ['--base', join(FIXTURES, '..', 'rules.ts')],
      /^contract:diff: base .*rules\.ts: /,
    ],
    ['no --base at all', [], /^contract:diff: say what to compare with/],
    [
      'an unknown --fail-on',
      ['--base', 'HEAD', '--fail-on', 'nobody'],
      /^contract:diff: option .*--fail-on.* Allowed choices are client, server, any\.\n$/,
    ],
  ])('%s: exit 2 and one line on stderr', async (_, argv, message) => {
    const { code, out, err } = await run(...argv);
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toMatch(message);
    expect(err.trim().split('\n')).toHaveLength(1);
  });

  it('bad input also goes to --output, which CI posts', async () => {
    const output = join(scratch, 'bad-input.md');
    expect((await run('--base', 'no-such-ref-anywhere', '--output', output)).code).toBe(2);
    expect(await readFile(output, 'utf8')).toMatch(/^contract:diff: base "no-such-ref-anywhere" is neither/);
  });

  it('two identical versions: exit 0 and the one line "no changes"', async () => {
    const same = fixture('type-changed', 'before');
    expect(await run('--base', same, '--head', same)).toEqual({ code: 0, out: 'no changes\n', err: '' });
  });
});

describe('contract:diff verdicts', () => {
  const pair = (rule: string) => ['--base', fixture(rule, 'before'), '--head', fixture(rule, 'after')];

  it('fails on a breaking change with the changelog on stdout and the reason on stderr', async () => {
    const { code, out, err } = await run(...pair('response-property-removed'));
    expect(code).toBe(1);
    expect(out).toContain('### GET /topics');
    expect(out).toContain(
      '**breaks clients** `response-property-removed`: response 200 (application/json)[].note removed',
    );
    expect(out).toContain('before `openapi.yaml#/components/schemas/Topic/properties/note`');
    // Topic is answered by GET /topics and POST /topics: one change for each operation.
    expect(err).toMatch(/2 failing the check/);
  });

  it('passes a compatible change', async () => {
    const { code, out } = await run(...pair('response-optional-property-added'));
    expect(code).toBe(0);
    expect(out).toContain('The check passes.');
  });

  it('--allow-breaking lists the change and exits 0; --fail-on picks the party', async () => {
    expect((await run(...pair('response-property-removed'), '--allow-breaking')).code).toBe(0);
    expect((await run(...pair('response-required-property-added'), '--fail-on', 'client')).code).toBe(0);
    expect((await run(...pair('response-required-property-added'), '--fail-on', 'server')).code).toBe(1);
  });

  it('an acknowledgement new in the head, with a reason, lets the change pass', async () => {
    const head = await withAcknowledgement(
      'response-property-removed',
      '  - rule: response-property-removed\n    reason: No client reads note (checked in the dashboard).\n',
    );
    const { code, out } = await run('--base', fixture('response-property-removed', 'before'), '--head', head);
    expect(code).toBe(0);
    expect(out).toContain('(acknowledged: No client reads note (checked in the dashboard).)');
  });

  it('an acknowledgement without a reason, or for another operation, acknowledges nothing', async () => {
    const head = await withAcknowledgement(
      'response-property-removed',
      '  - rule: response-property-removed\n  - rule: response-property-removed\n    subject: POST /topics\n    reason: Another operation.\n',
      'unreasoned.yaml',
    );
    const { code, out } = await run('--base', fixture('response-property-removed', 'before'), '--head', head);
    expect(code).toBe(1);
    expect(out).toContain(
      '> Warning: x-breaking-changes: response-property-removed has no reason and acknowledges nothing',
    );
  });

  it('an acknowledgement the base already had does not accept a new change', async () => {
    const ack = 'x-breaking-changes:\n  - rule: response-property-removed\n    reason: An older review.\n';
    const before = `${await readFile(fixture('response-property-removed', 'before'), 'utf8')}${ack}`;
    const [base, head] = [join(scratch, 'old-base.yaml'), join(scratch, 'old-head.yaml')];
    await writeFile(base, before);
    // Topic's `note` (the first one in the file) is removed; the acknowledgement stays as it was.
    await writeFile(head, before.replace(/ {8}note:\n {10}type: string\n/, ''));
    const { code, out } = await run('--base', base, '--head', head);
    expect(code).toBe(1);
    expect(out).toContain('`response-property-removed`');
  });

  it('--format json --output writes the report and prints its summary line', async () => {
    const output = join(scratch, 'report.json');
    const { code, out } = await run(
      ...pair('request-enum-value-removed'),
      '--format',
      'json',
      '--output',
      output,
    );
    expect(code).toBe(1);
    expect(out).toBe(
      '1 changes, 1 breaking, 1 failing the check (acknowledge each in x-breaking-changes, or pass --allow-breaking)\n',
    );
    const report = JSON.parse(await readFile(output, 'utf8'));
    expect(report.summary).toMatchObject({
      changes: 1,
      breakingForClients: 1,
      breakingForServers: 0,
      failing: 1,
    });
    expect(report.changes[0]).toMatchObject({ rule: 'request-enum-value-removed', subject: 'POST /topics' });
  });
});

import { beforeAll, describe, expect, it } from 'vitest';
import { ASYNCAPI_PATH, OPENAPI_PATH } from '../../mock/openapi/paths.ts';
import { readYaml } from '../../mock/openapi/read-yaml.ts';
import { callCenterRunner } from '../../profiles/call-center/runner/index.ts';
import { BROKEN_SERVERS } from '../../tests/broken-servers/rules.ts';
import { CHECKS } from '../checks/index.ts';
import { type Contract, loadContract } from '../plan/load-contract.ts';
import { escapeSegment } from '../plan/spec-pointer.ts';
import { withProfileChecks } from '../profile.ts';

// openapi.yaml's rules are judged by the generic checks and the call center's (x-derived: consistency).
const CHECK_NAMES = withProfileChecks(CHECKS, [callCenterRunner]).map((c) => c.name);

import { renderRules } from '../report/rules-table.ts';
import type { CheckResult, Exchange } from '../types.ts';
import { buildInventory, type Statement } from './inventory.ts';
import { judgeRules } from './judge-rules.ts';
import { checksOf, NOT_RULES, RULE_KIND_NAMES, type RuleKindName } from './rule-kinds.ts';

let contract: Contract;
let statements: Statement[];
beforeAll(async () => {
  contract = await loadContract();
  statements = buildInventory(contract);
});

/** Every `x-` key of a document as written, as the pointer prefix of where it is. */
function extensionPlaces(node: unknown, file: string, at = ''): [string, string][] {
  if (typeof node !== 'object' || node === null) return [];
  const found: [string, string][] = [];
  for (const [key, value] of Object.entries(node)) {
    const here = `${at}/${escapeSegment(key)}`;
    if (key.startsWith('x-')) found.push([key, `${file}#${here}`]);
    else found.push(...extensionPlaces(value, file, here));
  }
  return found;
}

describe("the runner's rules inventory of openapi.yaml and asyncapi.yaml", () => {
  it('has a statement for every x- key of both documents, unless the key states no rule of a backend', async () => {
    const places = [
      ...extensionPlaces(await readYaml(OPENAPI_PATH), 'openapi.yaml'),
      ...extensionPlaces(await readYaml(ASYNCAPI_PATH), 'asyncapi.yaml'),
    ];
    const silent = places.filter(
      ([key, place]) => !(key in NOT_RULES) && !statements.some((s) => s.pointer.startsWith(place)),
    );
    expect(silent).toEqual([]);
  });

  it('has no rule that no check judges: each is judged, or the contract says why no run can cause it', () => {
    const rows = judgeRules(statements);
    const notJudged = rows.filter((row) => !row.check && !row.outside);
    const open = statements.filter((s) => OPEN.includes(s.kind));
    expect(notJudged.map((row) => row.pointer)).toEqual(open.map((s) => s.pointer));
    // What a run cannot cause is listed with why, and judged by nothing: asyncapi.yaml's outsideRun.
    expect(rows.filter((row) => row.outside).map((row) => [row.pointer, row.check])).toEqual(
      OUTSIDE.map((pointer) => [pointer, undefined]),
    );
  });
});

/** Kinds of rule no check judges yet (issue #19 item 5): `--rules` lists their statements as not judged. */
const OPEN: RuleKindName[] = [];

/** Statements no run can cause, as asyncapi.yaml says (`outsideRun`): a shutdown, a reader too slow. */
const OUTSIDE = [
  'asyncapi.yaml#/channels/events/x-closes-on/serverShutdown',
  'asyncapi.yaml#/channels/events/x-closes-on/slowReader',
];

describe.each(RULE_KIND_NAMES)('rule kind %s', (kind) => {
  it('has statements in this contract, and its check exists and has a broken server for it', () => {
    expect(statements.filter((s) => s.kind === kind).length).toBeGreaterThan(0);
    const checks = checksOf(kind);
    if (OPEN.includes(kind)) return expect(checks).toEqual([]);
    expect(checks.length).toBeGreaterThan(0);
    for (const check of checks) {
      expect(CHECK_NAMES).toContain(check);
      const servers = BROKEN_SERVERS.filter((b) => b.check === check && b.kinds?.includes(kind));
      expect(
        servers.map((b) => b.name),
        `a broken server of ${check} for ${kind}`,
      ).not.toEqual([]);
    }
  });
});

const exchange = (operationId: string, by: string, status: number): Exchange => ({
  seq: 0,
  operationId,
  by,
  purpose: 'positive',
  request: { method: 'GET', url: 'http://127.0.0.1:9/api/x', headers: {} },
  response: { status, headers: {}, text: '', bytes: new Uint8Array() },
  sentAt: 0,
  durationMs: 0,
});
const result = (name: string, status: CheckResult['status']): CheckResult => ({
  name,
  status,
  failures: [],
  notes: [],
  operations: [],
  requests: 0,
  judged: 0,
  durationMs: 0,
});
const run = {
  exchanges: [
    exchange('listTopics', 'flows', 200),
    exchange('listTopics', 'generated', 400),
    exchange('createTopic', 'cors', 201),
    exchange('login', 'token_lifecycle', 401),
  ],
  checks: [
    result('status_code_conformance', 'passed'),
    result('response_schema_conformance', 'failed'),
    result('token_lifecycle', 'passed'),
    result('cors', 'skipped'),
  ],
};

describe('judgeRules counts the exchanges each rule was judged on', () => {
  it.each([
    [
      'a check that judges every answer: all of the operation',
      'response-status',
      'listTopics',
      undefined,
      undefined,
      2,
    ],
    ['one documented status: only its answers', 'response-schema', 'listTopics', '200', undefined, 1],
    ['a range', 'response-schema', 'listTopics', '4XX', undefined, 1],
    ['a check that sends its own: only its requests', 'access-token', undefined, undefined, undefined, 1],
    ['a skipped check judged nothing', 'cors', undefined, undefined, undefined, 0],
    ['a check not in the run judged nothing', 'emits', 'createTopic', undefined, undefined, 0],
    [
      'a statement about one value: not the requests without it',
      'access-token',
      'login',
      undefined,
      '+998900000002',
      0,
    ],
    ['a statement about one value: the requests with it', 'access-token', 'login', undefined, '/api/x', 1],
  ] as const)('%s', (_, kind, operationId, status, sends, judged) => {
    const statement: Statement = {
      kind,
      pointer: 'openapi.yaml#/x',
      text: 'x',
      ...(operationId ? { operationId } : {}),
      ...(status ? { status } : {}),
      ...(sends ? { sends } : {}),
    };
    expect(judgeRules([statement], run)[0]?.judged).toBe(judged);
  });

  it('prints a rule without a check as "not judged" (or "outside a run", with why), and the count and check of the others', () => {
    const rows = judgeRules(
      [
        {
          kind: 'response-status',
          pointer: 'openapi.yaml#/paths',
          text: 'listTopics: answers 200',
          operationId: 'listTopics',
        },
      ],
      run,
    );
    const row = rows[0] as (typeof rows)[0];
    const text = renderRules([
      ...rows,
      { ...row, check: undefined, judged: 0 },
      { ...row, check: undefined, judged: 0, outside: 'a shutdown' },
      { ...row, check: 'cors', judged: 0, result: 'skipped' },
    ]);
    expect(text).toMatch(/status_code_conformance +2× listTopics: answers 200/);
    expect(text).toMatch(/not judged .* listTopics: answers 200/);
    expect(text).toMatch(/outside a run .* listTopics: answers 200 \(a shutdown\)/);
    expect(text).toMatch(/cors +0× skipped listTopics: answers 200/);
    expect(text).toMatch(
      /^Rules of openapi\.yaml: 4 statements, 1 not judged, 1 outside what a run can cause/,
    );
  });
});

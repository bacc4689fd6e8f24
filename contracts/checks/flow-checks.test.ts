import { beforeAll, describe, expect, it } from 'vitest';
import type { FlowRecord, FlowStep, FlowStepKind } from '../execute/run-flows.ts';
import { deriveFlows, type FlowPlan } from '../plan/derive-flows.ts';
import { type Contract, loadContract } from '../plan/load-contract.ts';
import type { Exchange } from '../types.ts';
import { ensureResourceAvailability } from './ensure-resource-availability.ts';
import { judgeContext, recorded } from './judge-context.ts';
import type { Check } from './types.ts';
import { useAfterFree } from './use-after-free.ts';

// The checks that judge the flows' record (create, read, list, replace, delete, read again), each
// given a hand-made record that keeps its rule and ones that break it: no server.

let contract: Contract;
let plan: FlowPlan;
beforeAll(async () => {
  contract = await loadContract();
  const found = deriveFlows(contract).find((f) => f.collection === '/qa');
  if (!found) throw new Error('openapi.yaml has no /qa flow');
  plan = found;
});

const ID = '0f8fad5b-d9cb-469f-a165-70867728950e';
const QA = { id: ID, question: 'What is it?', answer: 'A test.', topicId: null, tags: [], enabled: true };
const LIST = (items: unknown[]) => ({ items, total: items.length, page: 1, pageSize: 100, totalPages: 1 });

/** A step of the flow: its kind, the operation the plan gives it, and what it answered. */
function step(kind: FlowStepKind, exchange: Exchange, more: Partial<FlowStep> = {}): FlowStep {
  const op = {
    create: plan.create,
    read: plan.read,
    'read-location': plan.read,
    list: plan.list,
    update: plan.update,
    'read-after-update': plan.read,
    'replace-omitting': plan.update,
    'read-after-replace': plan.read,
    delete: plan.remove,
    'read-after-delete': plan.read,
    'delete-again': plan.remove,
  }[kind];
  if (!op) throw new Error(`the /qa flow has no ${kind}`);
  return { kind, op, exchange, ...more };
}

/** A /qa flow that keeps every rule, with `change` applied to its steps. */
function flow(change: (steps: FlowStep[]) => FlowStep[] = (s) => s, id: string | undefined = ID): FlowRecord {
  const sent = { question: QA.question, answer: QA.answer };
  const replaced = { question: 'Replaced?', answer: 'Yes.', tags: ['x'], enabled: false };
  const steps = [
    step('create', recorded('createQa', 201, QA, { method: 'POST' }), { sent }),
    step('read', recorded('getQa', 200, QA)),
    step('list', recorded('listQas', 200, LIST([QA]))),
    step('update', recorded('updateQa', 200, { ...QA, ...replaced }, { method: 'PUT' }), { sent: replaced }),
    step('read-after-update', recorded('getQa', 200, { ...QA, ...replaced })),
    step('replace-omitting', recorded('updateQa', 200, QA, { method: 'PUT' }), {
      sent: { question: QA.question, answer: QA.answer },
      omitted: ['tags', 'enabled'],
    }),
    step('read-after-replace', recorded('getQa', 200, QA)),
    step('delete', recorded('deleteQa', 204, undefined, { method: 'DELETE' })),
    step('read-after-delete', recorded('getQa', 404, { code: 'not_found' })),
    step('delete-again', recorded('deleteQa', 404, { code: 'not_found' }, { method: 'DELETE' })),
  ];
  return { plan, id, steps: change(steps) };
}

/** The flow with the step of `kind` answering `status` and `body` instead. */
const answering =
  (kind: FlowStepKind, status: number, body?: unknown) =>
  (steps: FlowStep[]): FlowStep[] =>
    steps.map((s) => (s.kind === kind ? { ...s, exchange: recorded(s.op.operationId, status, body) } : s));

function judge(check: Check, record: FlowRecord): string[] {
  const { ctx, failures } = judgeContext(contract, { flows: [record] });
  check.judge?.(ctx, undefined);
  return failures.map((f) => f.title);
}

describe('ensure_resource_availability judges the flows it is given', () => {
  it.each([
    ['a flow that keeps every rule', () => flow(), []],
    [
      'a 404 right after the 201',
      () => flow(answering('read', 404, { code: 'not_found' })),
      ['Created resource not readable'],
    ],
    [
      'a list without the created item',
      () => flow(answering('list', 200, LIST([]))),
      ['Created resource missing from its list'],
    ],
    [
      'a read that changed what was written',
      () => flow(answering('read', 200, { ...QA, question: 'What is it' })),
      ['Created resource does not read back as written'],
    ],
    [
      'a PUT that merged (left-out fields kept)',
      () => flow(answering('read-after-replace', 200, { ...QA, tags: ['x'], enabled: false })),
      ['PUT merged instead of replacing'],
    ],
    [
      'a Location matching no route',
      () => ({ ...flow(), strayLocation: 'http://127.0.0.1:9/api/nowhere/1' }),
      ['Location matches no route of the API'],
    ],
    ['no create succeeded: nothing judged', () => flow((s) => s.slice(0, 1), undefined), []],
  ] as [string, () => FlowRecord, string[]][])('%s', (_, record, want) => {
    expect(judge(ensureResourceAvailability, record())).toEqual(want);
  });
});

describe('use_after_free judges the flows it is given', () => {
  it.each([
    ['a delete that removes', () => flow(), []],
    [
      'a read after the delete still 200',
      () => flow(answering('read-after-delete', 200, QA)),
      ['Deleted resource still readable'],
    ],
    [
      'a second delete still 204',
      () => flow(answering('delete-again', 204)),
      ['Deleted resource deleted again'],
    ],
    [
      'a delete that failed: nothing judged',
      () => flow(answering('delete', 500, { code: 'internal_error' })),
      [],
    ],
  ] as [string, () => FlowRecord, string[]][])('%s', (_, record, want) => {
    expect(judge(useAfterFree, record())).toEqual(want);
  });
});

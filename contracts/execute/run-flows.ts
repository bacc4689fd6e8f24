import type { SpecOperation } from '../../spec/operations.ts';
import type { FlowPlan } from '../plan/derive-flows.ts';
import { matchLocation } from '../plan/derive-flows.ts';
import type { Contract } from '../plan/load-contract.ts';
import type { Exchange } from '../types.ts';
import type { HttpClient } from './http-client.ts';
import type { ResourceTracker } from './resources.ts';
import { waitForNoLiveCall } from './test-calls.ts';
import { type ValidBody, validBodies } from './valid-input.ts';

export type FlowStepKind =
  | 'create'
  | 'read'
  | 'read-location'
  | 'list'
  | 'update'
  | 'read-after-update'
  | 'delete'
  | 'read-after-delete'
  | 'delete-again';

export interface FlowStep {
  kind: FlowStepKind;
  op: SpecOperation;
  exchange: Exchange;
  /** What the step sent (create, update), to compare with what is read back. */
  sent?: unknown;
}

export interface FlowRecord {
  plan: FlowPlan;
  id: string | undefined;
  steps: FlowStep[];
}

export interface FlowSettings {
  seed: number;
  testNumber: string | undefined;
  callTimeoutMs: number;
}

/**
 * Drives one resource through the life the spec gives it: create, read (by id and by Location),
 * list, replace, read again, delete, read after delete, delete again. Steps stop at the first
 * create that does not succeed; the checks judge the record afterwards.
 */
export async function runFlow(
  plan: FlowPlan,
  contract: Contract,
  http: HttpClient,
  resources: ResourceTracker,
  settings: FlowSettings,
): Promise<FlowRecord> {
  const record: FlowRecord = { plan, id: undefined, steps: [] };
  const step = (kind: FlowStepKind, op: SpecOperation, exchange: Exchange, sent?: unknown) => {
    record.steps.push({ kind, op, exchange, sent });
    return exchange;
  };
  const bodies = validBodies(
    contract,
    plan.create,
    settings.seed,
    4,
    plan.realWorld ? settings.testNumber : undefined,
  );
  // The contract refuses a second live call to a number (409): wait for the last one to end.
  if (plan.realWorld && settings.testNumber)
    await waitForNoLiveCall(contract, http, settings.testNumber, settings.callTimeoutMs);
  let created: Exchange | undefined;
  let sent: ValidBody | undefined;
  for (const body of bodies.slice(0, 3)) {
    sent = body;
    created = step(
      'create',
      plan.create,
      await http.call(plan.create, { ...body, purpose: 'positive' }),
      payload(body),
    );
    // A generated value may clash with existing data (409); another sample will not.
    if (created.response?.status !== 409) break;
  }
  const res = created?.response;
  const id = (res?.json as { id?: unknown } | undefined)?.id;
  if (!res || res.status >= 300 || typeof id !== 'string') return record;
  record.id = id;
  const params = plan.idParam ? { [plan.idParam]: id } : {};
  if (plan.remove) resources.add(`${plan.create.operationId} ${id}`, plan.remove, params);

  if (plan.read)
    step('read', plan.read, await http.call(plan.read, { pathParams: params, purpose: 'positive' }));
  const location = res.headers.location;
  const target = location ? matchLocation(contract, http.options.baseUrl, location) : undefined;
  if (target)
    step(
      'read-location',
      target.op,
      await http.call(target.op, { pathParams: target.pathParams, purpose: 'positive' }),
    );
  if (plan.list)
    step('list', plan.list, await http.call(plan.list, { query: { pageSize: 100 }, purpose: 'positive' }));
  if (plan.update && plan.read) {
    const next = bodies.find((b) => b !== sent && 'json' in b);
    if (next) {
      step(
        'update',
        plan.update,
        await http.call(plan.update, { ...next, pathParams: params, purpose: 'positive' }),
        payload(next),
      );
      step(
        'read-after-update',
        plan.read,
        await http.call(plan.read, { pathParams: params, purpose: 'positive' }),
      );
    }
  }
  if (plan.remove) {
    const removed = step(
      'delete',
      plan.remove,
      await http.call(plan.remove, { pathParams: params, purpose: 'positive' }),
    );
    if ((removed.response?.status ?? 500) < 300) resources.deleted(plan.remove, params);
    if (plan.read) step('read-after-delete', plan.read, await http.call(plan.read, { pathParams: params }));
    step('delete-again', plan.remove, await http.call(plan.remove, { pathParams: params }));
  }
  return record;
}

function payload(body: ValidBody): unknown {
  return 'json' in body ? body.json : undefined;
}

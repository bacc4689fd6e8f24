import type { OpenAPIV3 } from 'openapi-types';
import type { SpecOperation } from '../../mock/openapi/operations.ts';
import { sampleValid, subSeed } from '../generate/valid-values.ts';
import type { FlowPlan } from '../plan/derive-flows.ts';
import { itemParams, matchLocation } from '../plan/derive-flows.ts';
import type { Contract } from '../plan/load-contract.ts';
import { collectProperties, isListOperation, jsonBodySchema } from '../plan/request-shape.ts';
import type { Exchange } from '../types.ts';
import { createItem } from './create-item.ts';
import { ExistingIds } from './existing-ids.ts';
import type { HttpClient } from './http-client.ts';
import type { ResourceTracker } from './resources.ts';
import { declaredQuery } from './serialize-parameter.ts';
import { requiredQuery, type ValidBody, validBodies } from './valid-input.ts';

export type FlowStepKind =
  | 'create'
  | 'read'
  | 'read-location'
  | 'list'
  | 'update'
  | 'read-after-update'
  | 'replace-omitting'
  | 'read-after-replace'
  | 'delete'
  | 'read-after-delete'
  | 'delete-again';

export interface FlowStep {
  kind: FlowStepKind;
  op: SpecOperation;
  exchange: Exchange;
  /** What the step sent (create, update), to compare with what is read back. */
  sent?: unknown;
  /** For a replace: the optional fields it left out, which a PUT must reset. */
  omitted?: string[];
}

export interface FlowRecord {
  plan: FlowPlan;
  id: string | undefined;
  steps: FlowStep[];
  /** The create's Location header when it matches no readable route inside the API. */
  strayLocation?: string;
}

export interface FlowSettings {
  seed: number;
  testNumber: string | undefined;
  callTimeoutMs: number;
  /** Fields added to each JSON body of a real-world create (the call center's: the file its call plays). */
  realWorldFields?: Record<string, unknown>;
  /** Waits until a real-world create may be sent (its profile's RealWorld.whenFree). */
  whenFree?: () => Promise<void>;
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
  // A nested collection (`/authors/{authorId}/books`) is created under an existing parent; with
  // none to be found, there is no flow to drive.
  const parent = await new ExistingIds(contract, http).forPath(plan.collection);
  if (!parent) return record;
  const step = (
    kind: FlowStepKind,
    op: SpecOperation,
    exchange: Exchange,
    sent?: unknown,
    omitted?: string[],
  ) => {
    record.steps.push({ kind, op, exchange, sent, ...(omitted ? { omitted } : {}) });
    return exchange;
  };
  // A real-world create may be refused while the test value is busy (a second live call is 409).
  if (plan.realWorld && settings.testNumber) await settings.whenFree?.();
  const created = await createItem(plan, contract, http, resources, settings, parent);
  for (const attempt of created.attempts)
    step('create', plan.create, attempt.exchange, payload(attempt.sent));
  const { id, bodies } = created;
  const sent = created.attempts.at(-1)?.sent;
  const res = created.attempts.at(-1)?.exchange.response;
  if (id === undefined || !res) return record;
  record.id = id;
  const params = (op: SpecOperation) => itemParams(op, parent, id);

  if (plan.read)
    step(
      'read',
      plan.read,
      await http.call(plan.read, { pathParams: params(plan.read), purpose: 'positive' }),
    );
  const location = res.headers.location;
  const target = location ? matchLocation(contract, http.options.baseUrl, location) : undefined;
  if (location && !target) record.strayLocation = location;
  if (target)
    step(
      'read-location',
      target.op,
      await http.call(target.op, { pathParams: target.pathParams, purpose: 'positive' }),
    );
  if (plan.list)
    step(
      'list',
      plan.list,
      await http.call(plan.list, {
        pathParams: parent,
        query: {
          ...requiredQuery(contract, plan.list, settings.seed),
          ...declaredQuery(plan.list, { pageSize: 100 }),
        },
        purpose: 'positive',
      }),
    );
  if (plan.update && plan.read) {
    // Another of the create's bodies where the update takes the same shape; else one of the
    // update's own (LaunchDarkly's PATCH takes a JSON Patch, not the project it creates).
    const updateSchema = jsonBodySchema(plan.update);
    const fits = (b: ValidBody) =>
      'json' in b && (!updateSchema || contract.validator.validate(updateSchema, b.json).ok);
    const next =
      bodies.find((b) => b !== sent && fits(b)) ??
      validBodies(contract, plan.update, settings.seed, 1).find((b) => 'json' in b);
    if (next && 'json' in next) {
      // A PUT is first sent every optional field (read back by expectWritten)...
      const isPut = plan.update.method === 'put';
      const full = isPut
        ? await withOptionals(contract, http, plan.update, next.json, settings.seed)
        : next.json;
      step(
        'update',
        plan.update,
        await http.call(plan.update, { json: full, pathParams: params(plan.update), purpose: 'positive' }),
        full,
      );
      step(
        'read-after-update',
        plan.read,
        await http.call(plan.read, { pathParams: params(plan.read), purpose: 'positive' }),
      );
      // Then only the required fields: every optional one must go back to absent, null or its default.
      const required = new Set(jsonBodySchema(plan.update)?.required ?? []);
      const bare = Object.fromEntries(Object.entries(full as object).filter(([k]) => required.has(k)));
      const omitted = Object.keys(full as object).filter((k) => !required.has(k));
      if (isPut && omitted.length) {
        step(
          'replace-omitting',
          plan.update,
          await http.call(plan.update, {
            json: bare,
            pathParams: params(plan.update),
            purpose: 'positive',
            description: `a replace without ${omitted.join(', ')}`,
          }),
          bare,
          omitted,
        );
        step(
          'read-after-replace',
          plan.read,
          await http.call(plan.read, { pathParams: params(plan.read), purpose: 'positive' }),
        );
      }
    }
  }
  if (plan.remove) {
    const removeParams = params(plan.remove);
    const removed = step(
      'delete',
      plan.remove,
      await http.call(plan.remove, { pathParams: removeParams, purpose: 'positive' }),
    );
    if ((removed.response?.status ?? 500) < 300) resources.deleted(plan.remove, removeParams);
    // Only after a delete that succeeded is the item known to be gone.
    const gone = (removed.response?.status ?? 500) < 300;
    if (plan.read)
      step(
        'read-after-delete',
        plan.read,
        await http.call(plan.read, { pathParams: params(plan.read), missingItem: gone }),
      );
    step(
      'delete-again',
      plan.remove,
      await http.call(plan.remove, { pathParams: removeParams, missingItem: gone }),
    );
  }
  return record;
}

function payload(body: ValidBody): unknown {
  return 'json' in body ? body.json : undefined;
}

/**
 * The body with every optional field of the operation's schema set: a value generated from its
 * schema, or for a reference to another resource (`topicId`) the id of an existing one from the
 * list of that name (`/topics`). Fields that cannot be filled are left out.
 */
async function withOptionals(
  contract: Contract,
  http: HttpClient,
  op: SpecOperation,
  body: unknown,
  seed: number,
): Promise<unknown> {
  const schema = jsonBodySchema(op);
  const required = new Set(schema?.required ?? []);
  const full = { ...(body as Record<string, unknown>) };
  for (const [name, property] of Object.entries(collectProperties(schema))) {
    const prop = property as OpenAPIV3.SchemaObject;
    if (required.has(name) || prop.readOnly || name in full) continue;
    if (prop.format === 'uuid' && /Id$/.test(name)) {
      const list = contract.operations.find(
        (o) => o.method === 'get' && o.path.endsWith(`/${name.slice(0, -2)}s`) && isListOperation(o),
      );
      const page = list
        ? await http.call(list, {
            query: { ...requiredQuery(contract, list, seed), ...declaredQuery(list, { pageSize: 1 }) },
          })
        : undefined;
      const id = (page?.response?.json as { items?: { id?: unknown }[] } | undefined)?.items?.[0]?.id;
      if (typeof id === 'string') full[name] = id;
      continue;
    }
    const [value] = sampleValid(prop, subSeed(seed, `${op.operationId}:${name}`), 1, contract.validator);
    if (value !== undefined && value !== null) full[name] = value;
  }
  return full;
}

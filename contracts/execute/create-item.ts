import type { OpenAPIV3 } from 'openapi-types';
import type { SpecOperation } from '../../mock/openapi/operations.ts';
import { sampleValid, subSeed } from '../generate/valid-values.ts';
import { type FlowPlan, itemParams } from '../plan/derive-flows.ts';
import type { Contract } from '../plan/load-contract.ts';
import { parameterSchema } from '../plan/request-shape.ts';
import type { Exchange } from '../types.ts';
import type { HttpClient } from './http-client.ts';
import type { ResourceTracker } from './resources.ts';
import { plainBodies, type ValidBody, validBodies } from './valid-input.ts';

export interface CreateSettings {
  seed: number;
  testNumber: string | undefined;
  /** Fields added to each JSON body of a real-world create: the file the run's call plays (see test-calls.ts). */
  realWorldFields?: Record<string, unknown>;
}

export interface CreatedItem {
  /** The new item's id as its item paths take it, when a create succeeded. */
  id: string | undefined;
  /** Every create sent, in order, with its body: the last one is the one that counts. */
  attempts: { exchange: Exchange; sent: ValidBody }[];
  /** The valid bodies the create had to choose from (a replace takes another of them). */
  bodies: ValidBody[];
}

/**
 * Creates one item of a flow and tracks it for removal: its examples first, then generated bodies,
 * then plain ones (plain-values.ts), which is what a server takes when it holds rules its
 * description states only in prose. A clash (409) or a refusal (400, 422) of one body moves to the
 * next kind; each refusal is still judged as what it is (positive_data_acceptance). A create by PUT
 * names its item: a fresh value of its path parameter, the run's own (`suffix` tells a second
 * item of the run from the first). A real-world create (a call) keeps its generated bodies.
 */
export async function createItem(
  plan: FlowPlan,
  contract: Contract,
  http: HttpClient,
  resources: ResourceTracker,
  settings: CreateSettings,
  parent: Record<string, string>,
  suffix = '',
): Promise<CreatedItem> {
  const named =
    plan.byPut && plan.idParam
      ? freshPathValue(contract, plan.create, plan.idParam, settings.seed, suffix)
      : undefined;
  if (plan.byPut && named === undefined) return { id: undefined, attempts: [], bodies: [] };
  const createParams = plan.idParam && named !== undefined ? { ...parent, [plan.idParam]: named } : parent;
  const extra = plan.realWorld ? settings.realWorldFields : undefined;
  const marker = `${runMarker(settings.seed, plan.create)}${suffix}`;
  const bodies = [
    ...validBodies(contract, plan.create, settings.seed, 4, plan.realWorld ? settings.testNumber : undefined),
    ...(plan.realWorld ? [] : plainBodies(contract, plan.create, marker, new Date())),
  ].map((b) => (extra && 'json' in b ? { json: { ...(b.json as object), ...extra } } : b));
  const tries = plan.realWorld ? bodies.slice(0, 3) : [...bodies.slice(0, 2), ...bodies.slice(-2)];
  // A create that takes no body is sent once without one; one whose body the runner cannot write
  // (a form, XML) is not sent at all.
  const attempts: CreatedItem['attempts'] = [];
  if (!tries.length && plan.create.operation.requestBody) return { id: undefined, attempts, bodies };
  for (const body of tries.length ? [...new Set(tries)] : [undefined]) {
    const exchange = await http.call(plan.create, { ...body, pathParams: createParams, purpose: 'positive' });
    attempts.push({ exchange, sent: body ?? { json: undefined } });
    if (!retried(exchange.response?.status)) break;
  }
  const res = attempts.at(-1)?.exchange.response;
  const answered =
    named ?? (plan.idField ? (res?.json as Record<string, unknown> | undefined)?.[plan.idField] : undefined);
  if (!res || res.status >= 300 || (typeof answered !== 'string' && typeof answered !== 'number'))
    return { id: undefined, attempts, bodies };
  // Integer ids (`/authors/{authorId}`) travel in the path as text.
  const id = String(answered);
  if (plan.remove)
    resources.add(`${plan.create.operationId} ${id}`, plan.remove, itemParams(plan.remove, parent, id));
  return { id, attempts, bodies };
}

/** Statuses after which a create tries its next body: a clash (409), a refusal of the body (400, 422). */
function retried(status: number | undefined): boolean {
  return status === 409 || status === 400 || status === 422;
}

/** Text that is the run's own (`contract_run_3f2a9c1b`), the same for the same seed and operation. */
export function runMarker(seed: number, op: SpecOperation): string {
  return `contract_run_${subSeed(seed, op.operationId).toString(16)}`;
}

/** A value of a path parameter that names nothing yet: the run's marker if the schema takes it, else a generated one. */
function freshPathValue(
  contract: Contract,
  op: SpecOperation,
  name: string,
  seed: number,
  suffix: string,
): string | undefined {
  const param = op.parameters.find((p) => p.in === 'path' && p.name === name);
  const schema = (param ? parameterSchema(param) : { type: 'string' }) as OpenAPIV3.SchemaObject;
  const marker = `${runMarker(seed, op)}${suffix}`;
  if (contract.validator.validate(schema, marker).ok) return marker;
  const [value] = sampleValid(
    schema,
    subSeed(seed, `${op.operationId}:${name}:fresh${suffix}`),
    1,
    contract.validator,
  );
  return value === undefined ? undefined : String(value);
}

import type { OpenAPIV3 } from 'openapi-types';
import type { JudgeContext } from '../check-context.ts';
import type { FlowRecord, FlowStep } from '../execute/run-flows.ts';
import { jsonBodySchema } from '../plan/request-shape.ts';
import { operationPointer } from '../plan/spec-pointer.ts';
import { describeResponse, requestLine } from './describe.ts';
import type { Check } from './types.ts';

/** What a create answers can be read back: by id, at its Location, in its list, and after a replace. */
export const ensureResourceAvailability: Check = {
  name: 'ensure_resource_availability',
  catches:
    'A created resource that cannot be read back (404 right after a 201), a Location outside the API or matching no route, a list that misses it, a read that does not show what was written, a PUT that keeps optional fields it left out.',
  drivers: ['flows'],
  mutates: true,
  // The flows driver (execute/run-flows.ts) drove each resource's life; this judges the record.
  judge(ctx) {
    if (ctx.flows.length > 0 && !ctx.flows.some((f) => f.id))
      ctx.note(`ensure_resource_availability: skipped: no create succeeded (${createAnswers(ctx.flows)}).`);
    for (const flow of ctx.flows) {
      if (!flow.id) continue;
      if (flow.strayLocation !== undefined) expectLocationInside(ctx, flow);
      for (const step of flow.steps) {
        ctx.judged(step.op.operationId);
        if (step.kind === 'read' || step.kind === 'read-location') expectReadable(ctx, flow, step);
        if (step.kind === 'list') expectListed(ctx, flow, step);
        if (step.kind === 'read') expectWritten(ctx, flow, step, 'create');
        if (step.kind === 'read-after-update') expectWritten(ctx, flow, step, 'update');
        if (step.kind === 'read-after-replace') expectReplaced(ctx, flow, step);
      }
    }
  },
};

function expectReadable(ctx: JudgeContext, flow: FlowRecord, step: FlowStep): void {
  const res = step.exchange.response;
  const id = idIn(res?.json, flow);
  // Ids compare as text: an integer id travels in the path as text. An item that repeats no id
  // (a create by PUT whose item names no field for it) is readable when it answers 200.
  if (res?.status === 200 && (id === undefined ? flow.plan.idField === undefined : String(id) === flow.id))
    return;
  ctx.fail({
    operationId: step.op.operationId,
    title:
      step.kind === 'read' ? 'Created resource not readable' : 'Location of a created resource not readable',
    message: `${flow.plan.create.operationId} answered ${flow.id} as created, but ${requestLine(step.exchange)} did not answer it.`,
    expected: `200 with id ${flow.id}`,
    actual: describeResponse(res, step.exchange.error),
    specPointer: operationPointer(step.op, 'responses', '200'),
    exchange: step.exchange,
  });
}

function expectListed(ctx: JudgeContext, flow: FlowRecord, step: FlowStep): void {
  const page = step.exchange.response?.json as { items?: unknown[]; total?: number } | undefined;
  if (!page?.items || (page.total ?? 0) > page.items.length) return; // not all on one page: inconclusive
  if (page.items.some((item) => idIn(item, flow) !== undefined && String(idIn(item, flow)) === flow.id))
    return;
  ctx.fail({
    operationId: step.op.operationId,
    title: 'Created resource missing from its list',
    message: `${requestLine(step.exchange)} lists all ${page.total} items but not ${flow.id}, created just before.`,
    expected: `an item with id ${flow.id}`,
    actual: `${page.items.length} items without it`,
    specPointer: operationPointer(step.op, 'responses', '200'),
    exchange: step.exchange,
  });
}

/**
 * The fields a create or replace sent read back as sent. A backend may add fields, not change them,
 * at any depth: a matcher sent without `isEqual` reads back with the default `isEqual: true`.
 */
function expectWritten(ctx: JudgeContext, flow: FlowRecord, step: FlowStep, by: 'create' | 'update'): void {
  const update = flow.steps.find((s) => s.kind === by && (s.exchange.response?.status ?? 500) < 300);
  const sent = update?.sent as Record<string, unknown> | undefined;
  const read = step.exchange.response?.json as Record<string, unknown> | undefined;
  // A read that failed is expectReadable's failure; what it answered is no resource to compare.
  if (!sent || !read || (update?.exchange.response?.status ?? 500) >= 300) return;
  if ((step.exchange.response?.status ?? 500) >= 300) return;
  const differing = Object.entries(sent).filter(([key, value]) => !readsBackAs(read[key], value));
  if (differing.length === 0) return;
  ctx.fail({
    operationId: step.op.operationId,
    title:
      by === 'create'
        ? 'Created resource does not read back as written'
        : 'Replaced resource does not read back as written',
    message: `After ${update?.op.operationId} on ${flow.id}, ${requestLine(step.exchange)} shows other values for ${differing.map(([k]) => k).join(', ')}.`,
    expected: JSON.stringify(Object.fromEntries(differing)),
    actual: JSON.stringify(Object.fromEntries(differing.map(([k]) => [k, read[k]]))),
    specPointer: operationPointer(update?.op ?? step.op, 'requestBody'),
    exchange: step.exchange,
  });
}

/** A Location must name a readable resource of this API: under the base URL, on a route of the spec. */
function expectLocationInside(ctx: JudgeContext, flow: FlowRecord): void {
  const create = flow.steps.find((s) => s.kind === 'create' && s.exchange.response?.headers.location);
  const location = flow.strayLocation ?? '';
  const base = new URL(ctx.settings.baseUrl);
  const url = new URL(location, base);
  const outside = url.origin !== base.origin || !url.pathname.startsWith(base.pathname.replace(/\/$/, ''));
  ctx.fail({
    operationId: flow.plan.create.operationId,
    title: outside ? 'Location outside the API' : 'Location matches no route of the API',
    message: `${flow.plan.create.operationId} answered Location: ${location}, which ${outside ? `is not under ${ctx.settings.baseUrl}` : 'names no GET operation of the spec'}.`,
    expected: `a URL under ${ctx.settings.baseUrl} that a GET operation of the spec reads (e.g. ${flow.plan.read?.path ?? 'the item path'})`,
    actual: `Location: ${location}`,
    specPointer: operationPointer(flow.plan.create, 'responses'),
    ...(create ? { exchange: create.exchange } : {}),
  });
}

/**
 * A PUT replaces: optional fields it leaves out read back as the default the contract states
 * (`x-replace-defaults` on the operation, else the schema's `default`), else absent or null.
 */
function expectReplaced(ctx: JudgeContext, flow: FlowRecord, step: FlowStep): void {
  const replace = flow.steps.find((s) => s.kind === 'replace-omitting');
  const read = step.exchange.response?.json as Record<string, unknown> | undefined;
  if (!replace?.omitted?.length || !read || (replace.exchange.response?.status ?? 500) >= 300) return;
  const schema = (jsonBodySchema(replace.op)?.properties ?? {}) as Record<string, OpenAPIV3.SchemaObject>;
  // The default a field takes, as the operation's x-replace-defaults or the schema's default states it.
  const stated = ((replace.op.operation as Record<string, unknown>)['x-replace-defaults'] ?? {}) as Record<
    string,
    unknown
  >;
  const defaultOf = (field: string) => (field in stated ? stated[field] : schema[field]?.default);
  const kept = replace.omitted.filter((field) => {
    const value = read[field];
    const fallback = defaultOf(field);
    if (value === undefined || value === null) return fallback !== undefined && fallback !== null;
    return JSON.stringify(value) !== JSON.stringify(fallback);
  });
  if (kept.length === 0) return;
  ctx.fail({
    operationId: replace.op.operationId,
    title: 'PUT merged instead of replacing',
    message: `${requestLine(replace.exchange)} left out ${kept.join(', ')}, yet ${requestLine(step.exchange)} still shows ${kept.map((k) => `${k} = ${JSON.stringify(read[k])}`).join(', ')}: a PUT replaces the whole resource.`,
    expected: kept
      .map((k) =>
        defaultOf(k) === undefined ? `${k} absent or null` : `${k} = ${JSON.stringify(defaultOf(k))}`,
      )
      .join('; '),
    actual: kept.map((k) => `${k} = ${JSON.stringify(read[k])}`).join('; '),
    specPointer: operationPointer(replace.op, 'requestBody'),
    exchange: replace.exchange,
  });
}

/** What each flow's create answered, in one phrase: `createTopic 400, createPet no answer`. */
export function createAnswers(flows: FlowRecord[]): string {
  return flows
    .map((f) => {
      const create = f.steps.find((s) => s.kind === 'create')?.exchange;
      const answer = create ? (create.response ? String(create.response.status) : 'no answer') : 'not sent';
      return `${f.plan.create.operationId} ${answer}`;
    })
    .join(', ');
}

/** An item's id: its `id`, else the field the create answered the id in (`silenceID`, a PUT's `path`). */
function idIn(item: unknown, flow: FlowRecord): unknown {
  const record = (item ?? {}) as Record<string, unknown>;
  return record.id ?? (flow.plan.idField ? record[flow.plan.idField] : undefined);
}

/** Whether what was read holds what was sent: the same values, objects perhaps with more fields. */
function readsBackAs(read: unknown, sent: unknown): boolean {
  if (Array.isArray(sent))
    return (
      Array.isArray(read) && read.length === sent.length && sent.every((v, i) => readsBackAs(read[i], v))
    );
  if (sent !== null && typeof sent === 'object')
    return (
      read !== null &&
      typeof read === 'object' &&
      !Array.isArray(read) &&
      Object.entries(sent).every(([k, v]) => readsBackAs((read as Record<string, unknown>)[k], v))
    );
  return JSON.stringify(read) === JSON.stringify(sent);
}

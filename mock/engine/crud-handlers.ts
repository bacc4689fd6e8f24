import type { MockContext } from '../context.ts';
import { HttpProblem, validationProblem } from '../http/problem.ts';
import type { SpecOperation } from '../openapi/operations.ts';
import { parameterStyle, writeParameter } from '../openapi/parameter-style.ts';
import type { SchemaError, SchemaResult } from '../openapi/schema-validator.ts';
import type { Handler, HandlerInput } from '../routes/handler.ts';
import type { Reply } from '../routes/reply.ts';
import type { Collection, StoredRecord } from '../store/collection.ts';
import { sameText } from '../store/store.ts';
import { UniqueIndex } from '../store/unique-index.ts';
import { answerFromExamples } from './answer-from-examples.ts';
import { buildRecord, mergeRecord, type Stamp } from './build-record.ts';
import { completeRecord, conformToSchema, PRUNE } from './conform-to-schema.ts';
import type { Resource, Role } from './describe-resources.ts';
import { generateIdFor, idParamSchema } from './generate-id.ts';
import { generateValue } from './generate-value.ts';
import { listPage } from './list-page.ts';
import { mendView } from './mend-view.ts';
import type { ProblemTemplate, UniqueRule } from './mock-extension.ts';
import { newId } from './new-id.ts';
import type { Shape } from './record-shapes.ts';
import { objectShape, type Schema, successResponse, typeOf } from './schema-shape.ts';
import { shapeBody } from './shape-body.ts';

/**
 * The handlers of one collection's operations, by role: list, create, read, replace (PUT), update
 * (PATCH) and remove. Each keeps the store, publishes the operation's `x-emits` events and answers
 * with the status and headers the contract documents.
 */
export function crudHandlers(resource: Resource, ctx: MockContext): Partial<Record<Role, Handler>> {
  const records = ctx.store.collection(resource.name);
  // One index per unique key: a create checks for a clash without scanning the collection.
  const uniques = resource.unique.map((rule) => {
    const key = uniqueKey(rule);
    return { rule, key, index: new UniqueIndex(records, key) };
  });
  const idSchemas = idSchemasOf(resource);
  // The ids a bulk create has handed out and not yet stored.
  const pending = new Set<string | number>();
  const stamp = (): Stamp => ({
    now: ctx.now(),
    newId: () => freshId(resource, idSchemas, records, pending, ctx),
    generate: (schema) => madeUpValue(schema, ctx),
  });
  const find = (id: unknown, parentId?: unknown) => {
    const record = records.get(String(id));
    if (!record || (resource.parent && parentId !== undefined && record[resource.parent.field] !== parentId))
      throw new HttpProblem('not_found', `No ${resource.name} record has the id ${String(id)}.`);
    return record;
  };
  // The record a write last found valid against the record schema. Settling and committing a
  // record run in one synchronous stretch (no await between them, so no other write comes between),
  // and what follows settle only reads the record: commit need not validate it again. A create was
  // validated three times (settle, commit, the reply check); now once. Not a WeakSet: a weak entry
  // per write is work for every garbage collection.
  let lastValid: StoredRecord | undefined;
  /** A record the answer schema accepts: required fields the request left out are made up. */
  const settle = (record: StoredRecord): StoredRecord => {
    if (ctx.validator.validate(resource.record, record).ok) {
      lastValid = record;
      return record;
    }
    const completed = completeRecord(record, resource.record, (schema) =>
      madeUpValue(schema, ctx),
    ) as StoredRecord;
    return (
      (conformToSchema(completed, resource.record, ctx.validator) as StoredRecord | undefined) ?? completed
    );
  };
  const check = (record: StoredRecord, selfKey?: string) => {
    checkReferences(resource, record, ctx);
    for (const { rule, key, index } of uniques) {
      const mine = key(record);
      const other = mine === undefined ? undefined : index.find(mine);
      if (other && records.keyOf(other) !== selfKey)
        throw conflict(
          rule,
          other,
          `Another ${resource.name} record has the same ${rule.fields.join(' and ')}.`,
        );
    }
  };
  const emit = (role: Role, data: unknown) => {
    // An event nobody listens to is not made (its id and clock reading were a twentieth of a create).
    if (ctx.events.size === 0) return;
    for (const event of resource.operations[role]?.emits ?? []) ctx.events.publish(event, data);
  };
  const parentOf = (path: Record<string, unknown>) =>
    resource.parent ? path[resource.parent.param] : undefined;
  const idOf = (path: Record<string, unknown>) => path[resource.idParam ?? resource.idField];

  // Wrappers and envelopes may require fields the engine knows nothing of (`meta`, `paging`):
  // they get a generated value, made once.
  const skeletons = new Map<object, Record<string, unknown>>();
  const skeleton = (schema: object | undefined) => {
    if (!schema) return {};
    let value = skeletons.get(schema);
    if (!value) {
      value = skeletonOf(schema as never, ctx);
      skeletons.set(schema, value);
    }
    return value;
  };
  // Each role's documented success, read once rather than on every request.
  const successes = new Map(
    (Object.keys(resource.operations) as Role[]).map((role) => [
      role,
      successResponse(resource.operations[role]?.operation ?? { responses: {} }),
    ]),
  );
  const answerWith = (role: Role, record: StoredRecord, batch?: StoredRecord[]) => {
    const answer = successes.get(role) ?? successResponse({ responses: {} });
    const shape = resource.shapes[role] ?? { kind: 'record' };
    const body =
      shape.kind === 'records' ? (batch ?? [record]) : shapeBody(shape, record, resource.idField, skeleton);
    return { status: answer.status, body, unchecked: !answer.documented };
  };
  /**
   * Writes a change, waits until it is durable, publishes its events and answers it. A record the
   * contract would refuse is never stored (issue 18): one bad write would otherwise turn every later
   * list of the collection into a broken answer. An answer the mock cannot make valid in the
   * record's shape (a generated rest of an envelope that breaks a `oneOf`) stores nothing either:
   * undefined, and the operation's examples answer instead, as for an operation of no collection.
   */
  const commit = async (role: Role, record: StoredRecord, write: () => void, sent?: object) => {
    const reply = answerWith(role, record);
    if (role !== 'remove') {
      refuseBroken(record, sent);
      if (answerBroken(role, reply.body)) {
        const mended = mendedView(role, reply.body);
        if (mended === undefined) return undefined;
        reply.body = mended;
      }
    }
    write();
    await ctx.persistence?.flush();
    emit(role, role === 'remove' ? { [resource.idField]: record[resource.idField] } : record);
    return reply;
  };
  // Only an answer with generated parts around the record can break where the record does not:
  // a bare record is checked once, by the reply check, and a broken stored one is a 500 there.
  const answerBroken = (role: Role, body: unknown) => {
    const answer = successes.get(role);
    const kind = resource.shapes[role]?.kind ?? 'record';
    return (
      kind !== 'record' &&
      kind !== 'none' &&
      answer?.documented === true &&
      answer.schema !== undefined &&
      body !== undefined &&
      !ctx.validator.validate(answer.schema, body).ok
    );
  };
  // A view whose own fields the record's values break takes its generated ones there (mend-view.ts).
  const mendedView = (role: Role, body: unknown) => {
    const shape = resource.shapes[role];
    if (shape?.kind !== 'view' || typeof body !== 'object' || body === null) return undefined;
    const valid = (schema: Schema, value: unknown) => ctx.validator.validate(schema, value).ok;
    return mendView(body as Record<string, unknown>, shape.schema, skeleton(shape.schema), valid);
  };
  const examples = new Map<Role, Handler>();
  const fromExamples = (role: Role, args: HandlerInput) => {
    let handler = examples.get(role);
    if (!handler) {
      handler = answerFromExamples(resource.operations[role] as SpecOperation);
      examples.set(role, handler);
    }
    return handler(args);
  };
  const refuseBroken = (record: StoredRecord, sent?: object) => {
    const errors = record === lastValid ? [] : errorsOf(ctx.validator.validate(resource.record, record));
    lastValid = undefined;
    // Valid against the record schema (by a validator at least as strict as the reply check's):
    // an answer that is this record, once stored and frozen, is not checked again.
    if (errors.length === 0) return ctx.records.vouch(resource.record, record);
    // What the client sent and the record cannot keep is the client's to mend; the rest is ours.
    const fromClient = errors.filter((e) => sent && (e.pointer.split('/')[1] ?? '') in sent);
    if (fromClient.length > 0)
      throw validationProblem(
        fromClient.map((e) => ({ in: 'body', field: e.pointer, code: e.keyword, message: e.message })),
      );
    throw new HttpProblem(
      'internal_error',
      `The mock could not make a ${resource.name} record its contract accepts (${errors
        .map((e) => `${e.pointer || '/'} ${e.message}`)
        .join('; ')}), so nothing was stored.`,
    );
  };

  // Only an envelope that requires more than items and paging needs the generated rest. The
  // envelope's field names, not its kind: OpenAI's lists require a field named `object`.
  const { kind: _kind, ...fields } = resource.envelope;
  const known: unknown[] = Object.values(fields);
  const envelopeExtras = [...objectShape(resource.listSchema).required].some((name) => !known.includes(name));

  /**
   * A bulk create (the request schema is a list): each item is a record, made and checked like a
   * single create's, and all are stored or none. A list sent to a create of one record is refused.
   */
  const createMany = async (items: unknown[], path: Record<string, unknown>) => {
    if (!resource.bulk)
      throw validationProblem([{ in: 'body', field: '/', code: 'type', message: 'must be an object' }]);
    const parent = parentOf(path);
    try {
      const made = items.map((item) => {
        const built = buildRecord(resource, item as Record<string, unknown>, stamp());
        if (resource.parent && parent !== undefined) built[resource.parent.field] = parent;
        const record = settle(built);
        pending.add(record[resource.idField] as string | number);
        check(record);
        refuseBroken(record, item as object);
        return record;
      });
      const reply = answerWith('create', made[0] ?? {}, made);
      if (answerBroken('create', reply.body)) return undefined;
      for (const record of made) records.insert(record);
      await ctx.persistence?.flush();
      for (const record of made) emit('create', record);
      return reply;
    } finally {
      pending.clear();
    }
  };

  /**
   * A create that names its owner in the query, as the list filters by it (Netlify's
   * `POST /hooks?site_id=`, listed by `GET /hooks?site_id=`): the record keeps the query's value,
   * so that the list it was made for shows it.
   */
  const createQuery = new Set(
    (resource.operations.create?.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name),
  );
  const owners = resource.filters.filter(
    (f) => createQuery.has(f.param) && f.fields.length === 1 && (f.match ?? 'equals') === 'equals',
  );
  const ownerFromQuery = (query: Record<string, unknown>): [string, unknown][] =>
    owners.filter((f) => query[f.param] !== undefined).map((f) => [f.fields[0] as string, query[f.param]]);

  const handlers: Partial<Record<Role, Handler>> = {
    list: ({ input }) => {
      const page = listPage(resource, records, input.query, parentOf(input.path));
      const envelope = envelopeExtras ? skeleton(resource.listSchema) : undefined;
      return { status: 200, body: envelope ? { ...envelope, ...(page as object) } : page };
    },
    create: async (args) => {
      const { input } = args;
      if (Array.isArray(input.body))
        return (await createMany(input.body, input.path)) ?? fromExamples('create', args);
      const parent = parentOf(input.path);
      if (resource.parent && parent !== undefined) {
        const owner = resource.parent.collection;
        if (owner && ctx.store.has(owner) && !ctx.store.collection(owner).get(String(parent)))
          throw new HttpProblem('not_found', `No ${owner} record has the id ${String(parent)}.`);
      }
      const built = buildRecord(resource, bodyOf(input.body), stamp());
      for (const [field, value] of ownerFromQuery(input.query)) built[field] = value;
      // The parent's id comes from the path, whatever the record schema says of the field.
      if (resource.parent && parent !== undefined) built[resource.parent.field] = parent;
      const record = settle(built);
      check(record);
      const reply = await commit('create', record, () => records.insert(record), input.body as object);
      if (!reply) return fromExamples('create', args);
      return { ...reply, headers: locationOf(resource, record, input.path, ctx) };
    },
    read: (args) => {
      const record = find(idOf(args.input.path), parentOf(args.input.path));
      const reply = answerWith('read', record);
      // A stored record that breaks its schema is the reply check's to name. Around a sound one, a
      // view the record's values break takes its generated values there, as a create's does (from
      // the examples, GitHub's gists and stacks were read back as another record); else the examples.
      const sound = () => ctx.validator.validate(resource.record, record).ok;
      if (!answerBroken('read', reply.body) || !sound()) return reply;
      const mended = mendedView('read', reply.body);
      return mended === undefined ? fromExamples('read', args) : { ...reply, body: mended };
    },
    replace: async (args) => {
      const { input } = args;
      const previous = find(idOf(input.path), parentOf(input.path));
      const built = buildRecord(resource, bodyOf(input.body), stamp(), previous);
      if (resource.parent) built[resource.parent.field] = previous[resource.parent.field];
      const record = settle(built);
      check(record, records.keyOf(previous));
      return (
        (await commit('replace', record, () => records.replace(record), input.body as object)) ??
        fromExamples('replace', args)
      );
    },
    update: async (args) => {
      const { input } = args;
      const previous = find(idOf(input.path), parentOf(input.path));
      const record = mergeRecord(resource, bodyOf(input.body), stamp(), previous);
      const invalid = ctx.validator.validate(resource.record, record);
      if (!invalid.ok)
        throw validationProblem(
          invalid.errors.map((e) => ({ in: 'body', field: e.pointer, code: e.keyword, message: e.message })),
        );
      lastValid = record;
      check(record, records.keyOf(previous));
      return (
        (await commit('update', record, () => records.replace(record), input.body as object)) ??
        fromExamples('update', args)
      );
    },
    remove: async ({ input }) => {
      const previous = find(idOf(input.path), parentOf(input.path));
      checkDependants(resource, previous, ctx);
      return (await commit('remove', previous, () => records.remove(records.keyOf(previous)))) as Reply;
    },
  };
  return handlers;
}

function errorsOf(result: SchemaResult): SchemaError[] {
  return result.ok ? [] : result.errors;
}

/** A generated value of a wrapper or envelope schema, valid where it can be. */
export function skeletonOf(schema: Schema, ctx: MockContext): Record<string, unknown> {
  const value = madeUpValue(schema, ctx);
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

/**
 * A write's body as fields: none where the operation's body is optional and none was sent
 * (Linode's firewall create), so the record is made of defaults and the server's own values.
 */
function bodyOf(body: unknown): Record<string, unknown> {
  return typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
}

/** A value for a schema from the run's faker, conformed to the schema where it can be. */
export function madeUpValue(schema: Schema, ctx: MockContext): unknown {
  const to = ctx.now();
  const options = {
    seed: ctx.faker.number.int({ min: 0, max: 2 ** 31 - 1 }),
    faker: ctx.faker,
    hints: ctx.profile.fakerHints,
    from: to - 365 * 86_400_000,
    to,
  };
  try {
    const value = generateValue(schema, options);
    return (
      conformToSchema(value, schema, ctx.validator, PRUNE) ??
      conformToSchema(generateValue(schema, { ...options, useHints: false }), schema, ctx.validator, PRUNE) ??
      value
    );
  } catch {
    return undefined;
  }
}

/** `Location` of a created record: the item path of the collection, when there is one. */
function locationOf(
  resource: Resource,
  record: StoredRecord,
  path: Record<string, unknown>,
  ctx: MockContext,
): Record<string, string> {
  if (!resource.itemPath) return {};
  const styles = pathStylesOf(resource);
  // Each segment in the style its parameter declares (`/paints/.5` for a label), as a client writes it.
  const url = resource.itemPath.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const value = name === resource.idParam ? record[resource.idField] : path[name];
    const style = styles.get(name);
    return style ? writeParameter(style, value) : encodeURIComponent(String(value));
  });
  return { Location: ctx.basePath + url };
}

const PATH_STYLES = new WeakMap<Resource, Map<string, ReturnType<typeof parameterStyle>>>();

/** The style of each path parameter of a resource's item path, read once rather than per create. */
function pathStylesOf(resource: Resource): Map<string, ReturnType<typeof parameterStyle>> {
  let styles = PATH_STYLES.get(resource);
  if (!styles) {
    styles = new Map();
    // The first parameter of a name, as a lookup by name finds it.
    for (const p of resource.operations.read?.parameters ?? [])
      if (p.in === 'path' && !styles.has(p.name)) styles.set(p.name, parameterStyle(p));
    PATH_STYLES.set(resource, styles);
  }
  return styles;
}

/**
 * The schemas a new id must satisfy: the record's id field, the item path's parameter, and the
 * id as the create answers it (Jira's project create answers `id` an integer where the record's is
 * a string: the digits of a number, which both take, rather than an id the answer cannot carry).
 */
function idSchemasOf(resource: Resource): Schema[] {
  const field = objectShape(resource.record).properties[resource.idField];
  const param = Object.values(resource.operations)
    .flatMap((op) => op?.parameters ?? [])
    .find((p) => p.in === 'path' && p.name === resource.idParam)?.schema as Schema | undefined;
  const answered = answeredIdSchema(resource.shapes.create, resource.idField);
  // A string schema beside an integer id is met by the id's digits (shape-body.ts's idAs), not by the id.
  return [field, idParamSchema(field, param), answered && idParamSchema(field, answered)].filter(
    (s): s is Schema => s !== undefined && (typeOf(s) !== 'string' || typeOf(field) !== 'integer'),
  );
}

/** The schema under which a create's view or receipt carries the new record's id. */
function answeredIdSchema(shape: Shape | undefined, idField: string): Schema | undefined {
  if (shape?.kind === 'view') return objectShape(shape.schema).properties[idField];
  if (shape?.kind === 'wrap' && shape.inner) return objectShape(shape.inner).properties[idField];
  if (shape?.kind === 'receipt') return objectShape(shape.schema).properties[shape.field];
  return undefined;
}

function freshId(
  resource: Resource,
  schemas: Schema[],
  records: Collection,
  pending: Set<string | number>,
  ctx: MockContext,
): string | number {
  const id = newId({
    schemas,
    kind: resource.idKind,
    largest: () => {
      // The largest id by the store's own order (an index in SQLite), not a scan of every record.
      const [last] = records.find({ order: [{ field: resource.idField, desc: true }], limit: 1 }).items;
      return Math.max(
        Number(last?.[resource.idField]) || 0,
        ...[...pending].map(Number).filter(Number.isFinite),
      );
    },
    taken: (value) => pending.has(value) || records.get(String(value)) !== undefined,
    isValid: (schema, value) => ctx.validator.validate(schema, value).ok,
    generate: (schemas) => generateIdFor(schemas, ctx.faker, { name: resource.name }),
    faker: ctx.faker,
  });
  if (id === undefined)
    throw new HttpProblem(
      'internal_error',
      `The mock could not make an id that the contract's schema of ${resource.name}.${resource.idField} accepts, so nothing was stored. State it with x-mock idField, or loosen the schema.`,
    );
  return id;
}

function uniqueKey(rule: UniqueRule): (record: StoredRecord) => string | undefined {
  return (record) => {
    const values = rule.fields.map((f) => record[f]);
    if (values.some((v) => v === undefined || v === null)) return undefined;
    return JSON.stringify(rule.compare === 'text' ? values.map(sameText) : values);
  };
}

function checkReferences(resource: Resource, record: StoredRecord, ctx: MockContext): void {
  const errors = [];
  for (const ref of resource.references) {
    const value = record[ref.field];
    if (value === undefined || value === null || !ctx.store.has(ref.collection)) continue;
    if (!ctx.store.collection(ref.collection).get(String(value)))
      errors.push({
        in: 'body' as const,
        field: `/${ref.field}`,
        code: 'not_found',
        message: ref.message ?? `no record of ${ref.collection} has this id`,
      });
  }
  if (errors.length > 0) throw validationProblem(errors);
}

function checkDependants(resource: Resource, record: StoredRecord, ctx: MockContext): void {
  const id = record[resource.idField];
  for (const rule of resource.restrictDelete) {
    if (!ctx.store.has(rule.collection)) continue;
    const count = ctx.store
      .collection(rule.collection)
      .count([{ fields: [rule.field], match: 'equals', value: id }]);
    if (count > 0)
      throw conflict(
        rule,
        { ...record, count },
        `${count} record(s) of ${rule.collection} point at this one.`,
      );
  }
}

/** A 409 from the contract's template, its `{field}` placeholders filled from `values`. */
function conflict(template: ProblemTemplate, values: StoredRecord, fallback: string): HttpProblem {
  const detail = template.detail
    ? template.detail.replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? ''))
    : fallback;
  return new HttpProblem(template.code ?? 'conflict', detail, { status: 409, title: template.title });
}

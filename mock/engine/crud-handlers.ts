import { parameterStyle, writeParameter } from '../../spec/parameter-style.ts';
import type { MockContext } from '../context.ts';
import { HttpProblem, validationProblem } from '../http/problem.ts';
import type { Handler } from '../routes/reply.ts';
import type { Collection, StoredRecord } from '../store/collection.ts';
import { sameText } from '../store/store.ts';
import { UniqueIndex } from '../store/unique-index.ts';
import { buildRecord, mergeRecord, type Stamp } from './build-record.ts';
import { completeRecord, conformToSchema } from './conform-to-schema.ts';
import type { Resource, Role } from './describe-resources.ts';
import { generateValue } from './generate-value.ts';
import { listPage } from './list-page.ts';
import type { ProblemTemplate, UniqueRule } from './mock-extension.ts';
import { objectShape, type Schema, successResponse } from './schema-shape.ts';

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
  const stamp = (): Stamp => ({
    now: ctx.now(),
    newId: () => newId(resource, records, ctx),
    generate: (schema) => madeUpValue(schema, ctx),
  });
  const find = (id: unknown, parentId?: unknown) => {
    const record = records.get(String(id));
    if (!record || (resource.parent && parentId !== undefined && record[resource.parent.field] !== parentId))
      throw new HttpProblem('not_found', `No ${resource.name} record has the id ${String(id)}.`);
    return record;
  };
  /** A record the answer schema accepts: required fields the request left out are made up. */
  const settle = (record: StoredRecord): StoredRecord => {
    if (ctx.validator.validate(resource.record, record).ok) return record;
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
  const answerWith = (role: Role, record: StoredRecord) => {
    const answer = successes.get(role) ?? successResponse({ responses: {} });
    const shape = resource.shapes[role] ?? { kind: 'record' };
    const body =
      shape.kind === 'none'
        ? undefined
        : shape.kind === 'wrap'
          ? { ...skeleton(shape.schema), [shape.field]: record }
          : shape.kind === 'extend'
            ? { ...skeleton(shape.schema), ...record }
            : record;
    return { status: answer.status, body, unchecked: !answer.documented };
  };
  /** Writes a change, waits until it is durable, publishes its events and answers it. */
  const commit = async (role: Role, record: StoredRecord, write: () => void) => {
    write();
    await ctx.persistence?.flush();
    emit(role, role === 'remove' ? { [resource.idField]: record[resource.idField] } : record);
    return answerWith(role, record);
  };

  // Only an envelope that requires more than items and paging needs the generated rest.
  const known = resource.envelope.kind === 'object' ? Object.values(resource.envelope) : [];
  const envelopeExtras = [...objectShape(resource.listSchema).required].some((name) => !known.includes(name));

  const handlers: Partial<Record<Role, Handler>> = {
    list: ({ input }) => {
      const page = listPage(resource, records, input.query, parentOf(input.path));
      const envelope = envelopeExtras ? skeleton(resource.listSchema) : undefined;
      return { status: 200, body: envelope ? { ...envelope, ...(page as object) } : page };
    },
    create: async ({ input }) => {
      const parent = parentOf(input.path);
      if (resource.parent && parent !== undefined) {
        const owner = resource.parent.collection;
        if (owner && ctx.store.has(owner) && !ctx.store.collection(owner).get(String(parent)))
          throw new HttpProblem('not_found', `No ${owner} record has the id ${String(parent)}.`);
      }
      const built = buildRecord(resource, input.body as Record<string, unknown>, stamp());
      // The parent's id comes from the path, whatever the record schema says of the field.
      if (resource.parent && parent !== undefined) built[resource.parent.field] = parent;
      const record = settle(built);
      check(record);
      const reply = await commit('create', record, () => records.insert(record));
      return { ...reply, headers: locationOf(resource, record, input.path, ctx) };
    },
    read: ({ input }) => answerWith('read', find(idOf(input.path), parentOf(input.path))),
    replace: async ({ input }) => {
      const previous = find(idOf(input.path), parentOf(input.path));
      const built = buildRecord(resource, input.body as Record<string, unknown>, stamp(), previous);
      if (resource.parent) built[resource.parent.field] = previous[resource.parent.field];
      const record = settle(built);
      check(record, records.keyOf(previous));
      return commit('replace', record, () => records.replace(record));
    },
    update: async ({ input }) => {
      const previous = find(idOf(input.path), parentOf(input.path));
      const record = mergeRecord(resource, input.body as Record<string, unknown>, stamp(), previous);
      const invalid = ctx.validator.validate(resource.record, record);
      if (!invalid.ok)
        throw validationProblem(
          invalid.errors.map((e) => ({ in: 'body', field: e.pointer, code: e.keyword, message: e.message })),
        );
      check(record, records.keyOf(previous));
      return commit('update', record, () => records.replace(record));
    },
    remove: async ({ input }) => {
      const previous = find(idOf(input.path), parentOf(input.path));
      checkDependants(resource, previous, ctx);
      return commit('remove', previous, () => records.remove(records.keyOf(previous)));
    },
  };
  return handlers;
}

/** A generated value of a wrapper or envelope schema, valid where it can be. */
function skeletonOf(schema: Schema, ctx: MockContext): Record<string, unknown> {
  const value = madeUpValue(schema, ctx);
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

/** A value for a schema from the run's faker, conformed to the schema where it can be. */
function madeUpValue(schema: Schema, ctx: MockContext): unknown {
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
      conformToSchema(value, schema, ctx.validator) ??
      conformToSchema(generateValue(schema, { ...options, useHints: false }), schema, ctx.validator) ??
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
  // Each segment in the style its parameter declares (`/paints/.5` for a label), as a client writes it.
  const params = resource.operations.read?.parameters ?? [];
  const url = resource.itemPath.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const value = name === resource.idParam ? record[resource.idField] : path[name];
    const param = params.find((p) => p.in === 'path' && p.name === name);
    return param ? writeParameter(parameterStyle(param), value) : encodeURIComponent(String(value));
  });
  return { Location: ctx.basePath + url };
}

function newId(resource: Resource, records: Collection, ctx: MockContext): string | number {
  if (resource.idKind === 'integer') {
    // The largest id by the store's own order (an index in SQLite), not a scan of every record.
    const [last] = records.find({ order: [{ field: resource.idField, desc: true }], limit: 1 }).items;
    return (Number(last?.[resource.idField]) || 0) + 1;
  }
  return ctx.faker.string.uuid();
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

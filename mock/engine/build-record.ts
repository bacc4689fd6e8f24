import type { StoredRecord } from '../store/collection.ts';
import { isoSeconds } from '../time.ts';
import type { Resource } from './describe-resources.ts';
import { flattenSchema } from './merge-all-of.ts';
import { isArraySchema, isNullable, objectShape, type Schema, typeOf } from './schema-shape.ts';

/** What a record's server-owned fields are made from. */
export interface Stamp {
  now: number;
  /** A fresh id of the resource's kind. */
  newId(): string | number;
  /** A value valid against a schema, for server-owned fields the server has to make up. */
  generate(schema: Schema): unknown;
}

/**
 * The record a create (no `previous`) or a replace makes of a request body. Every field the record
 * schema allows is kept as sent; server-owned fields (`readOnly`, or absent from the request schema:
 * ids, timestamps) are made by the server; a field left out takes its default, or `null` or `[]`
 * where the answer requires it, or disappears. PUT therefore replaces: nothing of the previous
 * record survives but what the server owns.
 */
export function buildRecord(
  resource: Resource,
  body: Record<string, unknown>,
  stamp: Stamp,
  previous?: StoredRecord,
): StoredRecord {
  const { record: shape, input, serverOwned } = shapesOf(resource);
  const { properties, required, additional } = shape;
  const record: StoredRecord = {};
  for (const [name, schema] of Object.entries(properties)) {
    if (serverOwned.has(name)) {
      const value = serverValue(resource, name, schema, stamp, previous);
      if (value !== undefined) record[name] = value;
    } else if (body[name] !== undefined) {
      record[name] = kept(schema, body[name], stamp);
    } else {
      const value = omitted(schema, input.properties[name], required.has(name));
      if (value !== undefined) record[name] = value;
    }
  }
  // A record schema that allows more than it lists keeps whatever else the request schema allowed.
  if (additional && Object.keys(properties).length > 0)
    for (const [name, value] of Object.entries(body)) if (!(name in properties)) record[name] = value;
  // A record with no id field of its own (alerts known by a fingerprint) is still kept under one,
  // where its schema allows more fields than it lists: the store needs a key for every record.
  if (additional && !(resource.idField in properties))
    record[resource.idField] = previous ? previous[resource.idField] : stamp.newId();
  return record;
}

/**
 * The fields a request may send: its object's, and those of every branch of a `oneOf`/`anyOf`
 * (GitHub's `POST /user/emails` takes `{ emails }` or a bare list; its project fields one object
 * per data type). Read as one object, such a body named no field, so no field of the record was
 * the server's to make: required timestamps and the email address went out empty and broke the
 * record (500).
 */
interface Shapes {
  record: ReturnType<typeof objectShape>;
  input: ReturnType<typeof objectShape>;
  /** The record's fields the server makes (isServerOwned). */
  serverOwned: Set<string>;
}

// A resource's schemas do not change while it lives (a contract edit builds new resources): its
// shapes are read once, not on every write (a create's profile: a twentieth of its time).
const SHAPES = new WeakMap<Resource, Shapes>();

/** The record's and the request's shapes of a resource, made once. Read only: shared by every write. */
function shapesOf(resource: Resource): Shapes {
  let shapes = SHAPES.get(resource);
  if (!shapes) {
    const record = objectShape(resource.record);
    const input = inputShape(resource.input);
    const serverOwned = new Set(
      Object.entries(record.properties)
        .filter(([name, schema]) => isServerOwned(resource, name, schema, input.properties))
        .map(([name]) => name),
    );
    shapes = { record, input, serverOwned };
    SHAPES.set(resource, shapes);
  }
  return shapes;
}

function inputShape(input: Schema | undefined): ReturnType<typeof objectShape> {
  const shape = objectShape(input);
  for (const branch of [...(input?.oneOf ?? []), ...(input?.anyOf ?? [])] as Schema[]) {
    const more = objectShape(branch);
    for (const [name, schema] of Object.entries(more.properties)) shape.properties[name] ??= schema;
  }
  return shape;
}

/** PATCH: the previous record with the sent fields merged over it; server fields restamped. */
export function mergeRecord(
  resource: Resource,
  body: Record<string, unknown>,
  stamp: Stamp,
  previous: StoredRecord,
): StoredRecord {
  const { record: shape, serverOwned } = shapesOf(resource);
  const { properties } = shape;
  const record: StoredRecord = { ...previous };
  for (const [name, value] of Object.entries(body)) {
    const schema = properties[name];
    if (schema && serverOwned.has(name)) continue;
    record[name] = schema ? kept(schema, value, stamp) : value;
  }
  for (const [name, schema] of Object.entries(properties))
    if (serverOwned.has(name)) {
      const value = serverValue(resource, name, schema, stamp, previous);
      if (value !== undefined) record[name] = value;
    }
  return record;
}

/**
 * A sent value as the record keeps it: as sent, unless the record's field is of another type than
 * what the request schema took, a reference the server expands (Hetzner's `home_location: "fsn1"`
 * answered as a location object, Bitbucket's commit hash as a commit): then the server's own value.
 */
function kept(schema: Schema, value: unknown, stamp: Stamp, depth = 0): unknown {
  // The type an `allOf` of references gives (Asana's `organization: { allOf: [Workspace] }`).
  const type = typeOf(schema) ?? (schema.allOf ? typeOf(flattenSchema(schema).schema) : undefined);
  if (type === undefined || value === null) return value;
  if (!fitsType(value, type)) return stamp.generate(schema);
  if (depth > 8) return value;
  // Each item of a list of references (Asana's `people_value`: user ids sent, users kept).
  if (type === 'array') {
    const items = (schema as { items?: Schema }).items;
    return items ? (value as unknown[]).map((item) => kept(items, item, stamp, depth + 1)) : value;
  }
  // The same within an object sent whole (Hetzner's `public_net.ipv4`: an id sent, an address kept).
  if (type !== 'object') return value;
  const { properties } = objectShape(schema);
  const out: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  for (const [name, child] of Object.entries(properties))
    if (out[name] !== undefined) out[name] = kept(child, out[name], stamp, depth + 1);
  return out;
}

function fitsType(value: unknown, type: string): boolean {
  if (type === 'integer') return Number.isInteger(value);
  if (type === 'array') return Array.isArray(value);
  if (type === 'object') return typeof value === 'object' && value !== null && !Array.isArray(value);
  return typeof value === type;
}

function isServerOwned(
  resource: Resource,
  name: string,
  schema: Schema,
  input: Record<string, Schema>,
): boolean {
  if (name === resource.idField || schema.readOnly) return true;
  return resource.input !== undefined && Object.keys(input).length > 0 && !(name in input);
}

function serverValue(
  resource: Resource,
  name: string,
  schema: Schema,
  stamp: Stamp,
  previous: StoredRecord | undefined,
): unknown {
  if (name === resource.idField) return previous ? previous[name] : stamp.newId();
  if (schema.format === 'date-time' || schema.format === 'date') {
    const changes = /^(updated|modified|changed|lastModified|last_modified)/i.test(name);
    if (previous && !changes && previous[name] !== undefined) return previous[name];
    const at = isoSeconds(stamp.now);
    return schema.format === 'date' ? at.slice(0, 10) : at;
  }
  if (previous && previous[name] !== undefined) return previous[name];
  if (schema.default !== undefined) return structuredClone(schema.default);
  // A counter the server keeps (`edits`, `version`, `reply_count`) starts where its range does.
  const type = typeOf(schema);
  if ((type === 'integer' || type === 'number') && !schema.enum)
    return Math.min(Math.max(schema.minimum ?? 0, 0), schema.maximum ?? Number.POSITIVE_INFINITY);
  if (isNullable(schema)) return null;
  return stamp.generate(schema);
}

/** The value of a field the request left out: its default, else what a required field needs. */
function omitted(schema: Schema, inputSchema: Schema | undefined, required: boolean): unknown {
  if (inputSchema?.default !== undefined) return structuredClone(inputSchema.default);
  if (schema.default !== undefined) return structuredClone(schema.default);
  if (!required) return undefined;
  if (isNullable(schema)) return null;
  if (isArraySchema(schema)) return [];
  if (schema.enum?.length) return schema.enum[0];
  switch (typeOf(schema)) {
    case 'boolean':
      return false;
    case 'integer':
    case 'number':
      return schema.minimum ?? 0;
    case 'object':
      return {};
    case 'string':
      return ''.padEnd(schema.minLength ?? 0, 'x');
  }
  // A schema of no plain type (an `allOf` of references): left for settle to generate whole.
  return undefined;
}

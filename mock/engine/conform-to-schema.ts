import type { SchemaValidator } from '../openapi/schema-validator.ts';
import { pruneInvalid } from './prune-invalid.ts';
import { objectShape, type Schema, typeOf } from './schema-shape.ts';

/**
 * Brings a value within its schema's limits where it can without changing its meaning much: text
 * cut to `maxLength` (or padded to `minLength`), numbers clamped into range, arrays cut to
 * `maxItems`, values outside an enum replaced by its first member; with `prune`, then the parts
 * the schema refuses whatever they hold left out (`pruneInvalid`). Answers the value when it then validates,
 * else undefined. Seeds written for one version of a contract thus stay valid when a
 * later version tightens a limit.
 */
/** `conformToSchema`'s option for the values the mock made itself (answers, seeds). */
export const PRUNE = { prune: true } as const;

export function conformToSchema(
  value: unknown,
  schema: Schema,
  validator: SchemaValidator,
  /** Leave out what no repair saves: for values the mock made, never for what a client sent. */
  how: { prune?: boolean } = {},
): unknown {
  if (validator.validate(schema, value).ok) return value;
  const repaired = repair(value, schema, 0);
  if (validator.validate(schema, repaired).ok) return repaired;
  return how.prune ? pruneInvalid(repaired, schema, validator) : undefined;
}

function repair(value: unknown, schema: Schema | undefined, depth: number): unknown {
  if (!schema || depth > 8 || value === null || value === undefined) return value;
  if (schema.enum && !schema.enum.includes(value)) return schema.enum.find((v) => v !== null) ?? value;
  if (typeof value === 'string') {
    let text = value;
    if (schema.maxLength !== undefined && [...text].length > schema.maxLength)
      text =
        [...text].slice(0, schema.maxLength).join('').trimEnd() ||
        [...text].slice(0, schema.maxLength).join('');
    if (schema.minLength !== undefined && [...text].length < schema.minLength)
      text = text.padEnd(schema.minLength, 'x');
    return text;
  }
  if (typeof value === 'number') {
    let n = typeOf(schema) === 'integer' ? Math.round(value) : value;
    if (schema.maximum !== undefined) n = Math.min(n, schema.maximum);
    if (schema.minimum !== undefined) n = Math.max(n, schema.minimum);
    return n;
  }
  if (Array.isArray(value)) {
    const items = value.map((item) =>
      repair(item, (schema as { items?: Schema }).items as Schema | undefined, depth + 1),
    );
    return schema.maxItems !== undefined ? items.slice(0, schema.maxItems) : items;
  }
  if (typeof value === 'object') {
    const { properties } = objectShape(schema);
    const out: Record<string, unknown> = {};
    for (const [name, child] of Object.entries(value as Record<string, unknown>))
      out[name] = repair(child, properties[name], depth + 1);
    return out;
  }
  return value;
}

/**
 * Fills what a record lacks for its schema: required fields left out (at any depth) get a value
 * from `generate`. A request schema may require less than the answer does; the record a create
 * makes must still be one the contract's answer accepts.
 */
export function completeRecord(
  value: unknown,
  schema: Schema | undefined,
  generate: (s: Schema) => unknown,
  depth = 0,
): unknown {
  if (!schema || depth > 8 || typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) {
    const items = (schema as { items?: Schema }).items;
    return value.map((item) => completeRecord(item, items, generate, depth + 1));
  }
  const { properties, required } = objectShape(schema);
  const out: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  for (const name of required) {
    const child = properties[name];
    if (out[name] === undefined && child) out[name] = generate(child);
  }
  for (const [name, child] of Object.entries(properties))
    if (out[name] !== undefined) out[name] = completeRecord(out[name], child, generate, depth + 1);
  return out;
}

import { unsatisfiableAt } from '../../contracts/plan/unsatisfiable-schema.ts';
import { createEnglishFaker } from '../../mock/engine/create-faker.ts';
import { generateValue } from '../../mock/engine/generate-value.ts';
import { objectShape, type Schema } from '../../mock/engine/schema-shape.ts';
import type { SchemaResult } from '../../mock/openapi/schema-validator.ts';

const faker = createEnglishFaker(5);
const NOW = Date.parse('2026-11-01T00:00:00Z');
const SEEDS = [11, 12, 13, 14, 15, 16];

/** Judges a value against a schema: the served contract's validator (the mock's Ajv). */
export type Validate = (schema: Schema, value: unknown) => SchemaResult;

/** A request body, and why it is not valid when no valid one was found. */
export interface Body {
  value: unknown;
  /** Set when the body breaks the operation's schema: the validator's first complaints. */
  invalid?: string;
  /** Set when the schema itself admits no value there: the description's defect, with its place. */
  defect?: string;
}

/**
 * A body an ordinary client sends, valid against the operation's request schema, made by the mock's
 * own generator (`generateValue`) with the validator as its judge, so that a `oneOf` branch is kept
 * only where exactly one holds: the harness sent GitHub's project items `{ type, id, owner, repo,
 * number }`, both branches of a `oneOf` of `required` lists at once, and was refused. `record`,
 * given for a collection's create, narrows each field to what the record keeps too (a client sends
 * a URL where the record holds a `uri`, though the request schema says only `string`). Seeds are
 * tried in turn, then the fields a `oneOf` branch and the schema require, and nothing more.
 */
export function requestBody(schema: Schema, validate: Validate | undefined, record?: Schema): Body {
  if (!validate)
    return {
      value: generateValue(schema, {
        seed: SEEDS[0] as number,
        faker,
        hints: {},
        from: NOW - 86_400_000,
        to: NOW,
      }),
    };
  const valid = (value: unknown) => value !== undefined && validate(schema, value).ok;
  const check = (s: Schema, value: unknown) => validate(s, value).ok;
  const tries = record ? [narrowed(schema, record), schema] : [schema];
  let last: unknown;
  for (const target of tries)
    for (const seed of SEEDS) {
      const options = { seed, faker, hints: {}, from: NOW - 86_400_000, to: NOW, check, writing: true };
      const value = generateValue(target, options);
      if (valid(value) && (target === schema || check(target, value))) return { value };
      last ??= value;
      const least = leastOf(schema, value, valid);
      if (least !== undefined) return { value: least };
    }
  const result = validate(schema, last);
  const errors = result.ok ? [] : result.errors;
  const invalid = errors
    .slice(0, 3)
    .map((e) => `${e.pointer} ${e.message}`)
    .join('; ');
  // Where the generator found no value at all, the schema's required fields are where to look.
  const places = [
    ...errors.map((e) => e.pointer),
    ...(last === undefined ? [...objectShape(schema).required].map((name) => `/${name}`) : []),
  ];
  const defect = places
    .map((pointer) => {
      const why = unsatisfiableAt(schema, pointer);
      return why && `${pointer}: ${why}`;
    })
    .find((why) => why !== undefined);
  return { value: last, invalid, ...(defect ? { defect } : {}) };
}

/** The request schema with each top-level field narrowed by the record's field of the same name. */
function narrowed(schema: Schema, record: Schema): Schema {
  const mine = (schema as { properties?: Record<string, Schema> }).properties;
  if (!mine) return schema;
  const theirs = objectShape(record).properties;
  const properties = Object.fromEntries(
    Object.entries(mine).map(([name, field]) => {
      const kept = theirs[name];
      if (!kept || kept.readOnly) return [name, field];
      return [name, { allOf: [field, { ...kept, writeOnly: undefined }] }];
    }),
  );
  return { ...schema, properties } as Schema;
}

/**
 * The value cut to the fields the schema requires and those one `oneOf`/`anyOf` branch requires
 * (`{ type, id }` of `{ type, id, owner, repo, number }`), the first such cut that is valid.
 */
function leastOf(schema: Schema, value: unknown, valid: (value: unknown) => boolean): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const branches = [...((schema.oneOf ?? []) as Schema[]), ...((schema.anyOf ?? []) as Schema[])];
  const base = [...objectShape(schema).required];
  for (const branch of branches.length > 0 ? branches : [{}]) {
    const keep = new Set([...base, ...((branch.required ?? []) as string[])]);
    const cut = Object.fromEntries(Object.entries(value).filter(([name]) => keep.has(name)));
    if (valid(cut)) return cut;
  }
  return undefined;
}

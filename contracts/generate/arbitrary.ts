import fc from 'fast-check';
import type { OpenAPIV3 } from 'openapi-types';

type Schema = OpenAPIV3.SchemaObject;

/** Strings that stress encodings without breaking any length or pattern-free rule. */
const ODD_TEXT = [
  'Ünïcødé',
  'Привет',
  "O'zbek",
  '漢字',
  '👋🏽',
  'e\u0301',
  '\u200dzw',
  'עברית',
  '  spaced  ',
];

export interface ArbitraryOptions {
  /**
   * Leave out optional `…Id` uuid properties: they reference other resources, and a random uuid
   * is (rightly) refused as unknown, which would make a valid-looking input invalid.
   */
  omitReferences?: boolean;
}

/**
 * A fast-check arbitrary of values valid against an OpenAPI 3.0 schema (dereferenced). Covers what
 * the contract uses: types, enums, nullable, allOf, string lengths, patterns and formats, number
 * ranges, array sizes and uniqueness, required and optional properties.
 */
export function arbitraryFor(schema: Schema, options: ArbitraryOptions = {}): fc.Arbitrary<unknown> {
  const base = baseArbitrary(schema, options);
  return schema.nullable
    ? fc.oneof({ weight: 4, arbitrary: base }, { weight: 1, arbitrary: fc.constant(null) })
    : base;
}

function baseArbitrary(schema: Schema, options: ArbitraryOptions): fc.Arbitrary<unknown> {
  if (schema.allOf) return arbitraryFor(mergeAllOf(schema), options);
  if (schema.enum) return fc.constantFrom(...schema.enum.filter((v) => v !== null));
  switch (schema.type) {
    case 'string':
      return stringArbitrary(schema);
    case 'integer':
      return fc.integer({ min: schema.minimum ?? -1000, max: schema.maximum ?? 1_000_000 });
    case 'number':
      return fc.double({ min: schema.minimum ?? -1000, max: schema.maximum ?? 1_000_000, noNaN: true });
    case 'boolean':
      return fc.boolean();
    case 'array': {
      const items = arbitraryFor((schema.items ?? {}) as Schema, options);
      const constraints = { minLength: schema.minItems ?? 0, maxLength: Math.min(schema.maxItems ?? 3, 3) };
      return schema.uniqueItems
        ? fc.uniqueArray(items, { ...constraints, selector: (v) => JSON.stringify(v) })
        : fc.array(items, constraints);
    }
    default:
      return objectArbitrary(schema, options);
  }
}

function stringArbitrary(schema: Schema): fc.Arbitrary<string> {
  const min = schema.minLength ?? 0;
  const max = schema.maxLength ?? Math.max(min, 40);
  if (schema.format === 'uuid') return fc.uuid({ version: 4 });
  if (schema.format === 'email') return fc.emailAddress().filter((e) => e.length <= max);
  if (schema.format === 'date-time')
    return fc
      .date({
        min: new Date('2020-01-01T00:00:00Z'),
        max: new Date('2030-01-01T00:00:00Z'),
        noInvalidDate: true,
      })
      .map((d) => `${d.toISOString().slice(0, 19)}Z`);
  if (schema.pattern)
    return fc.stringMatching(new RegExp(schema.pattern)).filter((s) => s.length >= min && s.length <= max);
  const plain = fc.string({ minLength: min, maxLength: Math.min(max, 60), unit: 'grapheme-ascii' });
  // Odd Unicode is valid input too: a backend must store and answer it as sent.
  const odd = fc
    .constantFrom(...ODD_TEXT)
    .map((s) => s.padEnd(min, '-'))
    .filter((s) => s.length <= max && s.trim().length > 0);
  return fc.oneof(
    plain.filter((s) => s.trim().length >= Math.min(min, 1)),
    odd,
  );
}

function objectArbitrary(schema: Schema, options: ArbitraryOptions): fc.Arbitrary<unknown> {
  const properties = (schema.properties ?? {}) as Record<string, Schema>;
  const required = new Set(schema.required ?? []);
  const record: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [name, property] of Object.entries(properties)) {
    if (property.readOnly) continue;
    const isReference = property.format === 'uuid' && /Id$/.test(name);
    if (!required.has(name) && options.omitReferences && isReference) continue;
    record[name] = arbitraryFor(property, options);
  }
  return fc.record(record, { requiredKeys: [...required].filter((k) => k in record) });
}

/** Folds `allOf` into one object schema (the contract uses it for pages and `language`). */
export function mergeAllOf(schema: Schema): Schema {
  const merged: Schema = { ...schema, allOf: undefined } as Schema;
  for (const part of (schema.allOf ?? []) as Schema[]) {
    const flat = part.allOf ? mergeAllOf(part) : part;
    Object.assign(merged, { ...flat, ...stripUndefined(merged) });
    merged.properties = { ...(flat.properties ?? {}), ...(merged.properties ?? {}) };
    merged.required = [...new Set([...(flat.required ?? []), ...(merged.required ?? [])])];
  }
  if (Object.keys(merged.properties ?? {}).length === 0) delete merged.properties;
  if ((merged.required ?? []).length === 0) delete merged.required;
  delete merged.allOf;
  return merged;
}

function stripUndefined(o: object): object {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}

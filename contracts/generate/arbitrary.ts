import fc from 'fast-check';
import type { OpenAPIV3 } from 'openapi-types';
import RandExp from 'randexp';

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
   * How deep in the value this schema sits (the caller leaves it out). A recursive schema (a tree,
   * a flag whose rules hold rules) is dereferenced into a cycle: past DEPTH_BUDGET only required
   * properties and no optional items are generated, so every value is finite.
   */
  depth?: number;
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
  const depth = options.depth ?? 0;
  if (depth >= DEPTH_BUDGET && schema.nullable) return fc.constant(null);
  // A cycle of required fields has no finite value: give up with one the validator will refuse.
  if (depth >= DEPTH_BUDGET * 2) return fc.constant({});
  const base = baseArbitrary(schema, options);
  return schema.nullable
    ? fc.oneof({ weight: 4, arbitrary: base }, { weight: 1, arbitrary: fc.constant(null) })
    : base;
}

/** Levels of objects and arrays generated in full; deeper, only what is required. */
const DEPTH_BUDGET = 4;

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
      const deeper = { ...options, depth: (options.depth ?? 0) + 1 };
      const min = schema.minItems ?? 0;
      if (deeper.depth > DEPTH_BUDGET && min === 0) return fc.constant([]);
      const items = arbitraryFor((schema.items ?? {}) as Schema, deeper);
      const constraints = { minLength: min, maxLength: Math.max(min, Math.min(schema.maxItems ?? 3, 3)) };
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
  if (schema.pattern) return matching(schema.pattern, min, max);
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
  const deeper = { ...options, depth: (options.depth ?? 0) + 1 };
  for (const [name, property] of Object.entries(properties)) {
    if (property.readOnly) continue;
    const isReference = property.format === 'uuid' && /Id$/.test(name);
    if (!required.has(name) && options.omitReferences && isReference) continue;
    if (!required.has(name) && deeper.depth > DEPTH_BUDGET) continue;
    record[name] = arbitraryFor(property, deeper);
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

/**
 * Strings a pattern accepts, within the lengths. fast-check reads most patterns, but not lookaheads
 * (`(?=.*[a-z])`, as real descriptions write password and label rules): those are drawn by randexp
 * from fast-check's seed, the pattern keeping what it accepts, so a run stays replayable by --seed.
 * A pattern and lengths no string meets (linode's `((?!..)x)+` beside a minLength of 3) must not
 * hang the run: a draw gives up after a bounded number of tries and answers its last string, which
 * the schema check of the values then drops (valid-values.ts).
 */
function matching(pattern: string, min: number, max: number): fc.Arbitrary<string> {
  const regex = new RegExp(pattern);
  const fits = (s: string) => s.length >= min && s.length <= max;
  let read: fc.Arbitrary<string> | undefined;
  try {
    read = fc.stringMatching(regex);
  } catch {
    read = undefined;
  }
  if (read) return read.filter(fits);
  return fc.integer({ min: 1, max: 0x7fffffff }).map((seed) => {
    const draw = new RandExp(regex);
    let state = seed;
    draw.max = Math.max(8, Math.min(max, 32));
    draw.randInt = (from: number, to: number) => {
      state = (Math.imul(state, 48271) >>> 0) % 0x7fffffff;
      return from + (state % (to - from + 1));
    };
    let last = '';
    for (let tries = 0; tries < 50; tries++) {
      last = draw.gen();
      if (regex.test(last) && fits(last)) break;
    }
    return last;
  });
}

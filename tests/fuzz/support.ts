import fc from 'fast-check';
import type { OpenAPIV3 } from 'openapi-types';

type Schema = OpenAPIV3.SchemaObject;

/**
 * The seed of every property in a run: FUZZ_SEED replays a run, otherwise a new one each time.
 * Printed at the start, and fast-check prints it (with the shrunk counterexample) on failure.
 */
export const FUZZ_SEED = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
console.info(`fuzz seed ${FUZZ_SEED} (replay with FUZZ_SEED=${FUZZ_SEED})`);

/** fast-check parameters with the run's seed; failures say how to replay them. */
export function fuzzParameters(numRuns: number): fc.Parameters<unknown> {
  return { seed: FUZZ_SEED, numRuns };
}

/** Values that have broken servers before: boundaries, huge, hostile keys, paths, NUL, lone surrogates. */
export const hostileScalar: fc.Arbitrary<unknown> = fc.constantFrom(
  null,
  true,
  false,
  0,
  -1,
  -0.5,
  1e308,
  -1e308,
  2 ** 53 + 1,
  -(2 ** 31),
  '',
  ' ',
  '0',
  'null',
  'x'.repeat(20_000),
  '\u0000',
  'a\u0000b',
  '../../../../etc/passwd',
  '..\\..\\windows\\win.ini',
  '%00%2e%2e%2f',
  '__proto__',
  'constructor',
  'prototype',
  '\uD800',
  '😀'.repeat(200),
  '<script>alert(1)</script>',
  "' OR 1=1 --",
  '#{7*7}{{7*7}}',
  '2026-02-30T25:61:61Z',
  '+998',
  '+99890123456789012345',
  [],
  {},
  [null],
);

/** A plain object with a hostile key, as JSON text would carry it (an own `__proto__` property). */
export const POLLUTERS = [
  '"__proto__":{"polluted":"yes"}',
  '"constructor":{"prototype":{"polluted":"yes"}}',
  '"prototype":{"polluted":"yes"}',
];

/** Nested arrays or objects `depth` deep, as JSON text. */
export function deepJson(depth: number, kind: 'array' | 'object'): string {
  return kind === 'array'
    ? `${'['.repeat(depth)}${']'.repeat(depth)}`
    : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
}

/** allOf flattened into one object schema, enough for generating values. */
function flatten(schema: Schema): Schema {
  if (!schema.allOf) return schema;
  const out: Schema = { type: 'object', properties: {}, required: [] };
  for (const part of schema.allOf.map((p) => flatten(p as Schema))) {
    Object.assign(out.properties as object, part.properties ?? {});
    out.required = [...(out.required ?? []), ...(part.required ?? [])];
  }
  return out;
}

/**
 * Values for a schema: mostly valid ones (types, enums, formats, lengths and bounds of the
 * schema), and, with `hostile`, as often as not a value from `hostileScalar` or arbitrary JSON
 * anywhere in the tree.
 */
export function schemaValue(schema: Schema | undefined, hostile: boolean, depth = 0): fc.Arbitrary<unknown> {
  const valid = validOf(flatten(schema ?? {}), hostile, depth);
  if (!hostile) return valid;
  return fc.oneof(
    { weight: 3, arbitrary: valid },
    { weight: 1, arbitrary: hostileScalar },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  );
}

function validOf(s: Schema, hostile: boolean, depth: number): fc.Arbitrary<unknown> {
  if (s.enum) return fc.constantFrom(...s.enum);
  switch (s.type) {
    case 'string':
      if (s.format === 'uuid') return fc.uuid({ version: 4 });
      if (s.format === 'date-time')
        return fc
          .date({ min: new Date('2025-01-01'), max: new Date('2027-12-31'), noInvalidDate: true })
          .map((d) => d.toISOString().replace(/\.\d{3}Z$/, 'Z'));
      if (s.format === 'email') return fc.emailAddress();
      if (s.pattern?.includes('998')) return fc.stringMatching(/^\+9989\d{8}$/);
      return fc.string({ minLength: s.minLength ?? 0, maxLength: Math.min(s.maxLength ?? 40, 200) });
    case 'integer':
      return fc.integer({ min: s.minimum ?? -1000, max: s.maximum ?? 100_000 });
    case 'number':
      return fc.double({ min: s.minimum ?? -1000, max: s.maximum ?? 100_000, noNaN: true });
    case 'boolean':
      return fc.boolean();
    case 'array':
      if (depth > 3) return fc.constant([]);
      return fc.array(schemaValue(s.items as Schema, hostile, depth + 1), {
        minLength: s.minItems ?? 0,
        maxLength: Math.min(s.maxItems ?? 4, 6),
      });
    default: {
      if (depth > 3 || !s.properties) return fc.constant({});
      const keys = Object.keys(s.properties);
      const model: Record<string, fc.Arbitrary<unknown>> = {};
      for (const key of keys) model[key] = schemaValue(s.properties[key] as Schema, hostile, depth + 1);
      return fc.record(model, { requiredKeys: (s.required ?? []).filter((k) => keys.includes(k)) });
    }
  }
}

/** True while Object.prototype and Array.prototype are untouched. */
export function prototypesClean(): boolean {
  const probe = {} as Record<string, unknown>;
  return (
    probe.polluted === undefined &&
    ([] as unknown as Record<string, unknown>).polluted === undefined &&
    Object.getOwnPropertyNames(Object.prototype).every((name) => BUILTIN_OBJECT_KEYS.has(name))
  );
}
const BUILTIN_OBJECT_KEYS = new Set(Object.getOwnPropertyNames(Object.prototype));

import type { Faker } from '@faker-js/faker';
import { generateSync } from 'json-schema-faker';
import type { Schema } from './schema-shape.ts';

/** Faker hints a profile adds to faker's own (`x-faker: phone.uzbek`), each made from a seeded faker. */
export type FakerHints = Record<string, (faker: Faker) => unknown>;

export interface GenerateOptions {
  seed: number;
  faker: Faker;
  hints: FakerHints;
  /** Follow `x-faker` hints (false: only the schema's constraints, for a second try). */
  useHints?: boolean;
  /** The range of generated date-times, so that seeds are the same whatever day they run. */
  from: number;
  to: number;
}

/**
 * A value for a schema, from json-schema-faker driven by the seeded faker: the same seed gives the
 * same value. `x-faker` (a faker method path such as `person.fullName`) becomes json-schema-faker's
 * `faker` keyword; a profile's own hints become custom formats. json-schema-faker honours lengths,
 * ranges, patterns, formats and enums; faker's words may not, which conformToSchema repairs.
 */
export function generateValue(schema: Schema, options: GenerateOptions): unknown {
  const formats: Record<string, () => string> = {};
  const translated = translate(schema, options, formats, new WeakMap(), new Set());
  options.faker.seed(options.seed);
  return generateSync(translated as never, {
    seed: options.seed,
    alwaysFakeOptionals: true,
    maxDepth: 4,
    maxDefaultItems: 2,
    refDepth: 2,
    useDefaultValue: false,
    useExamplesValue: false,
    failOnInvalidTypes: false,
    minDateTime: new Date(options.from).toISOString(),
    maxDateTime: new Date(options.to).toISOString(),
    formats,
    extensions: options.useHints === false ? {} : { faker: options.faker },
  });
}

/**
 * A copy of the schema in json-schema-faker's terms. A dereferenced spec may be cyclic (a tree of
 * comments); json-schema-faker follows object cycles until the stack runs out, so each cycle is cut
 * where it closes, with an empty schema.
 */
function translate(
  schema: unknown,
  options: GenerateOptions,
  formats: Record<string, () => string>,
  done: WeakMap<object, unknown>,
  ancestors: Set<object>,
): unknown {
  if (typeof schema !== 'object' || schema === null) return schema;
  if (ancestors.has(schema)) return {};
  const known = done.get(schema);
  if (known) return known;
  ancestors.add(schema);
  const result = Array.isArray(schema)
    ? schema.map((item) => translate(item, options, formats, done, ancestors))
    : translateObject(schema as Record<string, unknown>, options, formats, done, ancestors);
  ancestors.delete(schema);
  done.set(schema, result);
  return result;
}

function translateObject(
  schema: Record<string, unknown>,
  options: GenerateOptions,
  formats: Record<string, () => string>,
  done: WeakMap<object, unknown>,
  ancestors: Set<object>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'x-faker') {
      if (options.useHints === false || typeof value !== 'string') continue;
      const custom = options.hints[value];
      if (custom) {
        const name = `x-faker:${value}`;
        formats[name] = () => String(custom(options.faker));
        out.format = name;
      } else out.faker = value;
      continue;
    }
    if (key.startsWith('x-') || key === 'example' || key === 'examples' || key === 'discriminator') continue;
    // OpenAPI 3.0's `nullable` is not JSON Schema: a generated value is never null unless required by type.
    if (key === 'nullable') continue;
    out[key] = translate(value, options, formats, done, ancestors);
  }
  return out;
}

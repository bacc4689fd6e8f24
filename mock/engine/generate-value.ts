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
  const translated = translate(schema, options, formats, new WeakMap());
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

/** A copy of the schema in json-schema-faker's terms; cycles of a dereferenced spec are kept. */
function translate(
  schema: unknown,
  options: GenerateOptions,
  formats: Record<string, () => string>,
  seen: WeakMap<object, unknown>,
): unknown {
  if (typeof schema !== 'object' || schema === null) return schema;
  const known = seen.get(schema);
  if (known) return known;
  if (Array.isArray(schema)) {
    const out: unknown[] = [];
    seen.set(schema, out);
    for (const item of schema) out.push(translate(item, options, formats, seen));
    return out;
  }
  const out: Record<string, unknown> = {};
  seen.set(schema, out);
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
    out[key] = translate(value, options, formats, seen);
  }
  return out;
}

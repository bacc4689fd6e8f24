import type { Faker } from '@faker-js/faker';
import { generateNumber, generateString } from './generate-scalar.ts';
import { flattenSchema, mergeSchemas } from './merge-all-of.ts';
import { type Schema, typeOf } from './schema-shape.ts';

const ID_TIMES = { from: Date.UTC(2024, 0, 1), to: Date.UTC(2025, 0, 1) };

/** What an id is made for: its place in the collection, and the collection's name for plain text. */
export interface IdHint {
  /** 0 for the first record: integer ids count 1, 2, … where the schema's range allows. */
  index?: number;
  /** A readable prefix for ids the schema leaves free (`pets-3`). */
  name?: string;
}

/**
 * A server-generated id that satisfies every schema given, by construction: the record's id field
 * and the item path's own parameter (`/pets/{petId}`), so the mock never hands out an id its own
 * item path refuses. Integers count from 1 within `minimum`/`maximum`; strings follow `enum`,
 * `pattern` (`^m_[a-z0-9]{8}$`, a snowflake's `^(0|[1-9][0-9]*)$`), then `format` (`uuid`, …),
 * else `<name>-<n>` within the length limits. Draws come from the seeded faker (the same seed, the
 * same ids). Undefined when the schemas admit no id found. Used by the seed, and offered to the
 * create handler for the records it makes.
 */
export function generateIdFor(
  schemas: Schema | (Schema | undefined)[] | undefined,
  faker: Faker,
  hint: IdHint = {},
): string | number | undefined {
  const list = (Array.isArray(schemas) ? schemas : [schemas]).filter((s): s is Schema => !!s);
  const schema = list.reduce<Schema>((a, b) => mergeSchemas(a, flattenSchema(b).schema), {} as Schema);
  const index = hint.index ?? faker.number.int(1_000_000);
  if (schema.enum && schema.enum.length > 0)
    return schema.enum[index % schema.enum.length] as string | number;
  const type = typeOf(schema);
  if (type === 'integer' || type === 'number') {
    const n = index + 1;
    const inRange =
      (schema.minimum === undefined || n >= schema.minimum) &&
      (schema.maximum === undefined || n <= schema.maximum) &&
      (schema.multipleOf === undefined || n % schema.multipleOf === 0);
    return inRange ? n : generateNumber(schema, type === 'integer', faker);
  }
  // Date-time ids (rare) fall in a fixed year, so that ids do not depend on the day they were made.
  if (schema.pattern || schema.format) return generateString(schema, faker, ID_TIMES);
  const plain = `${hint.name ?? 'id'}-${index + 1}`;
  const fits =
    plain.length >= (schema.minLength ?? 0) && plain.length <= (schema.maxLength ?? Number.POSITIVE_INFINITY);
  return fits ? plain : generateString(schema, faker, ID_TIMES);
}

/**
 * The item path's parameter schema as the id it constrains is kept: a record that keeps its id as
 * a string under a numeric parameter (Jira's filters: `id: string`, `/filter/{id}` an int64) needs
 * the digits of a number, which both accept; a UUID satisfied the record and was refused by the
 * mock's own item path (400). Any other parameter schema is the id's as it is.
 */
export function idParamSchema(field: Schema | undefined, param: Schema | undefined): Schema | undefined {
  if (!field || !param || typeOf(field) !== 'string') return param;
  const type = typeOf(param);
  return type === 'integer' || type === 'number' ? { type: 'string', pattern: '^[1-9][0-9]{0,8}$' } : param;
}

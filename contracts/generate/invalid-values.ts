import type { OpenAPIV3 } from 'openapi-types';
import type { SchemaValidator } from '../../mock/openapi/schema-validator.ts';
import { mergeAllOf } from './arbitrary.ts';

type Schema = OpenAPIV3.SchemaObject;

/** A value that breaks a schema, and in which way, in words a report can show. */
export interface InvalidValue {
  description: string;
  value: unknown;
  /** The JSON Pointer of the broken field in a body (`/name`), when one field is to blame. */
  field?: string;
  /**
   * For a text field at its maxLength: the same body with the field `length` characters long, so
   * that a refusal can be narrowed down to the longest length the backend really takes.
   */
  resize?: { field: string; length: number; least: number; at(length: number): unknown };
}

const EMOJI = '😀';

/**
 * Values that break one rule of a scalar or array schema each: wrong type, out-of-range and
 * over-long values, pattern, format and enum breaches, and lengths counted in code points (an
 * emoji is one character to JSON Schema but two to JavaScript).
 */
export function invalidScalars(schema: Schema): InvalidValue[] {
  const s = schema.allOf ? mergeAllOf(schema) : schema;
  const out: InvalidValue[] = [];
  const add = (description: string, value: unknown) => out.push({ description, value });
  switch (s.type) {
    case 'string':
      add('a number instead of a string', 12345);
      if (s.maxLength !== undefined) {
        add(
          `an over-long string (${s.maxLength + 1} characters, maxLength ${s.maxLength})`,
          'x'.repeat(s.maxLength + 1),
        );
        if (!s.pattern && !s.format)
          add(
            `${s.maxLength + 1} emoji (maxLength ${s.maxLength} counts characters)`,
            EMOJI.repeat(s.maxLength + 1),
          );
      }
      if (s.minLength) add(`a too-short string (minLength ${s.minLength})`, 'x'.repeat(s.minLength - 1));
      if (s.pattern) add(`a string not matching ${s.pattern}`, 'not-matching-✗');
      if (s.format === 'uuid') add('a malformed uuid', 'not-a-uuid');
      if (s.format === 'email') add('a malformed email', 'not-an-email');
      if (s.format === 'date-time') add('a malformed date-time', '26/11/2026 25:61');
      if (s.enum) add('a value outside the enum', 'not-in-the-enum');
      break;
    case 'integer':
    case 'number':
      add('a string instead of a number', 'abc');
      if (s.type === 'integer') add('a fraction where an integer is required', 1.5);
      if (s.minimum !== undefined) add(`a value below the minimum ${s.minimum}`, s.minimum - 1);
      if (s.maximum !== undefined) add(`a value above the maximum ${s.maximum}`, s.maximum + 1);
      break;
    case 'boolean':
      add('a string instead of a boolean', 'yes');
      break;
    case 'array': {
      add('a string instead of an array', 'not-an-array');
      const items = (s.items ?? {}) as Schema;
      const [badItem] = invalidScalars(items);
      if (badItem) add(`an array whose item is ${badItem.description}`, [badItem.value]);
      if (s.maxItems !== undefined)
        add(`${s.maxItems + 1} items (maxItems ${s.maxItems})`, manyItems(s.maxItems + 1));
      if (s.uniqueItems) add('duplicate items', ['same', 'same']);
      break;
    }
    default:
      break;
  }
  if (!s.nullable && s.type) add('null', null);
  return out;
}

function manyItems(n: number): string[] {
  return Array.from({ length: n }, (_, i) => `item-${i}`);
}

/**
 * Bodies that break an object schema in one place each, starting from a valid body: a missing
 * required field, an unknown field where none is allowed, each property broken as above, and
 * a body that is not an object at all. Only values the contract's validator rejects are kept.
 */
export function invalidBodies(
  schema: Schema,
  valid: Record<string, unknown>,
  validator: SchemaValidator,
): InvalidValue[] {
  const s = schema.allOf ? mergeAllOf(schema) : schema;
  const out: InvalidValue[] = [
    { description: 'an array instead of an object', value: [] },
    { description: 'a string instead of an object', value: 'text' },
  ];
  for (const name of s.required ?? []) {
    const { [name]: _, ...rest } = valid;
    out.push({ description: `missing required field /${name}`, value: rest, field: `/${name}` });
  }
  if (s.additionalProperties === false)
    out.push({
      description: 'an unknown field /unexpectedField',
      value: { ...valid, unexpectedField: true },
    });
  for (const [name, property] of Object.entries((s.properties ?? {}) as Record<string, Schema>)) {
    for (const bad of invalidScalars(property))
      out.push({
        description: `/${name}: ${bad.description}`,
        value: { ...valid, [name]: bad.value },
        field: `/${name}`,
      });
  }
  return out.filter((candidate) => !validator.validate(schema, candidate.value).ok);
}

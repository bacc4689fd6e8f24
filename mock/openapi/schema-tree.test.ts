import { describe, expect, it } from 'vitest';
import { SchemaValidator } from './schema-validator.ts';

/** A tree of comments, as dereferencing `Comment.replies.items: $ref Comment` leaves it: a cycle. */
function commentTree(): object {
  const comment: Record<string, unknown> = {
    type: 'object',
    required: ['text'],
    properties: { text: { type: 'string', maxLength: 5 } },
  };
  (comment.properties as Record<string, unknown>).replies = { type: 'array', items: comment };
  return comment;
}

/** Two schemas that point at each other (a person and their pets, each naming the other). */
function mutual(): object {
  const person: Record<string, unknown> = { type: 'object', properties: { name: { type: 'string' } } };
  const pet = { type: 'object', required: ['owner'], properties: { owner: person } };
  (person.properties as Record<string, unknown>).pets = { type: 'array', items: pet };
  return person;
}

const shared = { type: 'integer', minimum: 1 };

const CASES: [string, { schema: object; valid: unknown[]; invalid: unknown[] }][] = [
  [
    'a recursive schema is checked at every depth',
    {
      schema: commentTree(),
      valid: [{ text: 'a', replies: [{ text: 'b', replies: [{ text: 'c' }] }] }],
      invalid: [{ text: 'a', replies: [{ text: 'b', replies: [{ text: 'too long' }] }] }, { replies: [] }],
    },
  ],
  [
    'two schemas that refer to each other',
    {
      schema: mutual(),
      valid: [{ name: 'x', pets: [{ owner: { name: 'y', pets: [] } }] }],
      invalid: [{ name: 'x', pets: [{ owner: { name: 3 } }] }, { pets: [{}] }],
    },
  ],
  [
    'a schema shared by two properties',
    {
      schema: { type: 'object', properties: { a: shared, b: shared } },
      valid: [{ a: 1, b: 2 }],
      invalid: [{ a: 0 }, { b: 1.5 }],
    },
  ],
  [
    "OpenAPI 3.0's boolean exclusiveMinimum",
    {
      schema: { type: 'number', minimum: 0, exclusiveMinimum: true, maximum: 10, exclusiveMaximum: false },
      valid: [0.5, 10],
      invalid: [0, 10.5],
    },
  ],
  [
    "3.0's nullable beside no type (a nullable reference)",
    {
      schema: { allOf: [{ type: 'object', required: ['a'] }], nullable: true },
      valid: [null, { a: 1 }],
      invalid: [{}, 3],
    },
  ],
  [
    "3.1's tuple: prefixItems, then items for the rest",
    {
      schema: { type: 'array', prefixItems: [{ type: 'string' }, { type: 'integer' }], items: false },
      valid: [['a', 1], ['a']],
      invalid: [
        [1, 'a'],
        ['a', 1, 2],
      ],
    },
  ],
];

describe('schemas Ajv compiles from a dereferenced document', () => {
  it.each(CASES)('%s', (_, { schema, valid, invalid }) => {
    const validator = new SchemaValidator();
    for (const value of valid)
      expect(validator.validate(schema, value), JSON.stringify(value)).toEqual({ ok: true });
    for (const value of invalid)
      expect(validator.validate(schema, value).ok, JSON.stringify(value)).toBe(false);
    expect(validator.unreadable).toEqual([]);
  });
});

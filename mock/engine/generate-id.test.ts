import { describe, expect, it } from 'vitest';
import { SchemaValidator } from '../openapi/schema-validator.ts';
import { createEnglishFaker } from './create-faker.ts';
import { generateIdFor } from './generate-id.ts';
import type { Schema } from './schema-shape.ts';

const validator = new SchemaValidator();

const CASES: [string, { schemas: Schema[]; want?: RegExp | number }][] = [
  ['an integer counts from 1', { schemas: [{ type: 'integer' }], want: 4 }],
  ['an integer whose range starts later', { schemas: [{ type: 'integer', minimum: 1000, maximum: 2000 }] }],
  ['a uuid', { schemas: [{ type: 'string', format: 'uuid' }], want: /^[0-9a-f-]{36}$/ }],
  [
    'a prefixed pattern',
    { schemas: [{ type: 'string', pattern: '^m_[a-z0-9]{8}$' }], want: /^m_[a-z0-9]{8}$/ },
  ],
  ['a snowflake', { schemas: [{ type: 'string', pattern: '^(0|[1-9][0-9]*)$' }], want: /^(0|[1-9][0-9]*)$/ }],
  ['plain text takes the collection name', { schemas: [{ type: 'string' }], want: /^pets-4$/ }],
  ['plain text within a short maxLength', { schemas: [{ type: 'string', maxLength: 3 }] }],
  ['an enum', { schemas: [{ type: 'string', enum: ['a', 'b'] }], want: /^b$/ }],
  [
    "the record's field and the item path's parameter together",
    {
      schemas: [{ type: 'string' }, { type: 'string', pattern: '^[A-Z]{3}[0-9]{4}$' }],
      want: /^[A-Z]{3}[0-9]{4}$/,
    },
  ],
];

describe('generateIdFor: an id every schema given accepts', () => {
  it.each(CASES)('%s', (_, { schemas, want }) => {
    const faker = createEnglishFaker(9);
    const id = generateIdFor(schemas, faker, { index: 3, name: 'pets' });
    for (const schema of schemas) expect(validator.validate(schema, id), String(id)).toEqual({ ok: true });
    if (typeof want === 'number') expect(id).toBe(want);
    else if (want) expect(String(id)).toMatch(want);
  });

  it('gives the same id for the same seed', () => {
    const schema: Schema = { type: 'string', pattern: '^m_[a-z0-9]{8}$' };
    expect(generateIdFor(schema, createEnglishFaker(5))).toBe(generateIdFor(schema, createEnglishFaker(5)));
  });
});

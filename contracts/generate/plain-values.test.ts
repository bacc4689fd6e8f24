import type { OpenAPIV3 } from 'openapi-types';
import { describe, expect, it } from 'vitest';
import { plainValue } from './plain-values.ts';

const now = new Date('2026-01-01T00:00:00Z');
const plain = (schema: OpenAPIV3.SchemaObject, requiredOnly = true) =>
  plainValue(schema, { requiredOnly, marker: 'contract_run_1', now });

// What a person would type: each row a schema and the value a write falls back on.
describe('plainValue', () => {
  it.each<[string, OpenAPIV3.SchemaObject, unknown]>([
    ['text: the marker, an identifier every naming rule takes', { type: 'string' }, 'contract_run_1'],
    ['text cut to its maxLength', { type: 'string', maxLength: 5 }, 'contr'],
    ['text padded to its minLength', { type: 'string', minLength: 16 }, 'contract_run_1__'],
    ['the example first', { type: 'string', example: 'Sales' }, 'Sales'],
    ['the first enum value', { type: 'string', enum: ['b', 'a'] }, 'b'],
    ['a number at its minimum', { type: 'integer', minimum: 3 }, 3],
    [
      'a number past an exclusive minimum (3.1 writes it as a number)',
      { type: 'number', exclusiveMinimum: 0, multipleOf: 0.5 } as unknown as OpenAPIV3.SchemaObject,
      0.5,
    ],
    ['false for a boolean', { type: 'boolean' }, false],
    ['an email of the marker', { type: 'string', format: 'email' }, 'contract.run.1@example.com'],
    ['nothing for a pattern (a random draw serves it)', { type: 'string', pattern: '^[A-Z]{3}$' }, undefined],
    ['nothing for a uuid (it names another resource)', { type: 'string', format: 'uuid' }, undefined],
    [
      'an empty array where it may be: a bulk create of nothing',
      { type: 'array', items: { type: 'object' } },
      [],
    ],
    [
      'only the required fields',
      {
        type: 'object',
        required: ['name'],
        properties: { name: { type: 'string' }, note: { type: 'string' } },
      },
      { name: 'contract_run_1' },
    ],
    [
      'an end a day after a start, both ahead of the clock',
      {
        type: 'object',
        required: ['endsAt', 'startsAt'],
        properties: {
          endsAt: { type: 'string', format: 'date-time' },
          startsAt: { type: 'string', format: 'date-time' },
        },
      },
      { endsAt: '2026-01-02T00:00:00.000Z', startsAt: '2026-01-01T00:01:00.000Z' },
    ],
  ])('%s', (_name, schema, want) => {
    expect(plain(schema)).toEqual(want);
  });

  it('fills every field and one item of a list when not only the required ones are asked for', () => {
    const schema: OpenAPIV3.SchemaObject = {
      type: 'object',
      properties: {
        tags: { type: 'array', items: { type: 'string' } },
        id: { type: 'string', readOnly: true },
      },
    };
    expect(plain(schema, false)).toEqual({ tags: ['contract_run_1_0'] });
  });

  it('answers nothing for an object whose required field it cannot fill', () => {
    const schema: OpenAPIV3.SchemaObject = {
      type: 'object',
      required: ['ref'],
      properties: { ref: { type: 'string', format: 'uuid' } },
    };
    expect(plain(schema)).toBeUndefined();
  });
});

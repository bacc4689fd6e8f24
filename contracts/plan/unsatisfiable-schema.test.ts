import { describe, expect, it } from 'vitest';
import { unsatisfiableAt } from './unsatisfiable-schema.ts';

const STRING_OR_NUMBER = [{ type: 'string' }, { type: 'number' }];

describe('unsatisfiableAt', () => {
  it.each<[string, { schema: object; pointer: string }, RegExp | undefined]>([
    [
      "Vercel's namespaceId: type null beside a oneOf of string and number",
      {
        schema: {
          type: 'object',
          properties: { account: { properties: { namespaceId: { type: 'null', oneOf: STRING_OR_NUMBER } } } },
        },
        pointer: '/account/namespaceId',
      },
      /type null beside an oneOf of number, string/,
    ],
    [
      'an enum of numbers under type string',
      { schema: { type: 'string', enum: [1, 2] }, pointer: '/' },
      /type string and an enum of number: no value has all of them/,
    ],
    [
      'an allOf whose parts want an object and an array, in a list item',
      { schema: { items: { allOf: [{ type: 'object' }, { type: 'array' }] } }, pointer: '/3' },
      /beside an allOf/,
    ],
    [
      'nullable beside a oneOf: null is one of its types',
      { schema: { type: 'string', nullable: true, anyOf: [{ type: 'null' }] }, pointer: '/' },
      undefined,
    ],
    [
      'type null with a nullable oneOf branch',
      { schema: { type: 'null', oneOf: [{ type: 'null' }, { type: 'string' }] }, pointer: '/' },
      undefined,
    ],
    [
      'integer inside number',
      { schema: { type: 'number', oneOf: [{ type: 'integer' }] }, pointer: '/' },
      undefined,
    ],
    [
      'a field only one oneOf branch names',
      {
        schema: { oneOf: [{ properties: { x: { type: 'string', enum: [1] } } }, { type: 'string' }] },
        pointer: '/x',
      },
      undefined,
    ],
    ['a pointer the schema does not name', { schema: { properties: {} }, pointer: '/nowhere' }, undefined],
  ])('%s', (_name, { schema, pointer }, want) => {
    const reason = unsatisfiableAt(schema, pointer);
    if (want) expect(reason).toMatch(want);
    else expect(reason).toBeUndefined();
  });
});

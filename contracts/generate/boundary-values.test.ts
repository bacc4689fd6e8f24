import type { OpenAPIV3 } from 'openapi-types';
import { describe, expect, it } from 'vitest';
import { SchemaValidator } from '../../mock/openapi/schema-validator.ts';
import { boundaryBodies } from './boundary-values.ts';

describe('boundaryBodies', () => {
  const schema: OpenAPIV3.SchemaObject = {
    type: 'object',
    required: ['name'],
    properties: {
      name: { type: 'string', minLength: 3, maxLength: 10 },
      code: { type: 'string', pattern: '^a$' },
    },
  };

  it('fills free-text fields to exactly their limits, in ASCII and emoji, keeping the marker', () => {
    const bodies = boundaryBodies(schema, { name: 'abc' }, 'm1', new SchemaValidator());
    expect(bodies.map((b) => b.description)).toEqual([
      '/name of exactly 10 characters (maxLength)',
      '/name of 10 emoji (maxLength counts characters)',
      '/name of only 3 spaces',
      '/name of exactly 3 characters (minLength)',
    ]);
    const names = bodies.map((b) => (b.value as { name: string }).name);
    expect(names.map((n) => [...n].length)).toEqual([10, 10, 3, 3]);
    expect(names[1]?.length).toBe(2 + 8 * 2); // the marker, then eight emoji of two UTF-16 units each
    expect(names.filter((n) => n.trim()).every((n) => n.startsWith('m1'))).toBe(true);
  });
});

import fc from 'fast-check';
import type { OpenAPIV3 } from 'openapi-types';
import { beforeAll, describe, expect, it } from 'vitest';
import { SchemaValidator } from '../../mock/openapi/schema-validator.ts';
import { type Contract, loadContract } from '../plan/load-contract.ts';
import { jsonBodySchema } from '../plan/request-shape.ts';
import { arbitraryFor } from './arbitrary.ts';
import { invalidBodies, invalidScalars } from './invalid-values.ts';
import { sampleValid, subSeed } from './valid-values.ts';

let contract: Contract;
beforeAll(async () => {
  contract = await loadContract();
});

const bodyOf = (operationId: string) =>
  jsonBodySchema(contract.byId.get(operationId) as never) as OpenAPIV3.SchemaObject;
const BODIES = ['login', 'refreshToken', 'placeCall', 'createQa', 'updateQa', 'createTopic'];

describe('generated valid values', () => {
  it.each(BODIES)('are valid against the %s body schema, and the same for the same seed', (operationId) => {
    const schema = bodyOf(operationId);
    const first = sampleValid(schema, 123, 10, contract.validator);
    expect(first.length).toBeGreaterThanOrEqual(5);
    for (const value of first) expect(contract.validator.validate(schema, value)).toEqual({ ok: true });
    expect(sampleValid(schema, 123, 10, contract.validator)).toEqual(first);
    expect(sampleValid(schema, 124, 10, contract.validator)).not.toEqual(first);
  });

  it('leave out optional references to other resources when asked', () => {
    const values = sampleValid(bodyOf('placeCall'), 5, 20, contract.validator, { omitReferences: true });
    for (const v of values) expect(Object.keys(v as object)).not.toContain('topicId');
  });

  it('derive stable, distinct sub-seeds', () => {
    expect(subSeed(1, 'listCalls')).toBe(subSeed(1, 'listCalls'));
    expect(subSeed(1, 'listCalls')).not.toBe(subSeed(1, 'listQas'));
  });
});

describe('generated invalid values', () => {
  it.each(BODIES)('each break the %s body schema, in a way the description names', (operationId) => {
    const schema = bodyOf(operationId);
    const [valid] = sampleValid(schema, 9, 1, contract.validator);
    const bad = invalidBodies(schema, valid as Record<string, unknown>, contract.validator);
    expect(bad.length).toBeGreaterThan(3);
    for (const b of bad) expect(contract.validator.validate(schema, b.value).ok, b.description).toBe(false);
    expect(bad.map((b) => b.description)).toContain('an array instead of an object');
  });

  it.each([
    [
      'a bounded string',
      { type: 'string', minLength: 3, maxLength: 5 },
      [
        'an over-long string (6 characters, maxLength 5)',
        '6 emoji (maxLength 5 counts characters)',
        'a too-short string (minLength 3)',
      ],
    ],
    [
      'an integer range',
      { type: 'integer', minimum: 1, maximum: 100 },
      [
        'a value below the minimum 1',
        'a value above the maximum 100',
        'a fraction where an integer is required',
      ],
    ],
    ['a uuid', { type: 'string', format: 'uuid' }, ['a malformed uuid']],
    [
      'an enum array',
      { type: 'array', items: { type: 'string', enum: ['a'] }, uniqueItems: true },
      ['duplicate items'],
    ],
  ] as [string, OpenAPIV3.SchemaObject, string[]][])('cover %s', (_, schema, want) => {
    const validator = new SchemaValidator();
    const bad = invalidScalars(schema);
    for (const w of want) expect(bad.map((b) => b.description)).toContain(w);
    for (const b of bad) expect(validator.validate(schema, b.value).ok, b.description).toBe(false);
  });
});

// A recursive schema (a tree; a feature flag whose rules hold rules) is dereferenced into a cycle;
// generating from it must end, within a depth budget, with values still valid.
describe('generated values of a recursive schema', () => {
  const depth = (value: unknown): number =>
    Array.isArray(value)
      ? 1 + Math.max(0, ...value.map(depth))
      : value !== null && typeof value === 'object'
        ? 1 + Math.max(0, ...Object.values(value).map(depth))
        : 0;
  const node: OpenAPIV3.SchemaObject = {
    type: 'object',
    required: ['name'],
    properties: {
      name: { type: 'string', minLength: 1 },
      children: { type: 'array' } as OpenAPIV3.SchemaObject,
    },
  };
  (node.properties?.children as OpenAPIV3.ArraySchemaObject).items = node;
  const linked: OpenAPIV3.SchemaObject = {
    type: 'object',
    required: ['next'],
    properties: { value: { type: 'integer' }, next: { nullable: true } as OpenAPIV3.SchemaObject },
  };
  (linked.properties as Record<string, OpenAPIV3.SchemaObject>).next = { ...linked, nullable: true };

  it.each([
    ['a tree of optional children', node],
    ['a list whose required next is nullable', linked],
  ])('%s: finite values, no stack overflow', (_name, schema) => {
    const values = sampleValid(schema, 9, 10, new SchemaValidator());
    expect(values.length).toBeGreaterThan(0);
    for (const value of values) expect(depth(value)).toBeLessThanOrEqual(12);
  });
});

describe('patterns fast-check cannot read', () => {
  it('draws strings a lookahead pattern accepts, the same for the same seed', () => {
    const pattern = '^(?=.*[a-z])(?=.*[0-9])[a-z0-9]{6,10}$';
    const draw = (seed: number) =>
      fc.sample(arbitraryFor({ type: 'string', pattern }), { seed, numRuns: 30 });
    const drawn = draw(7) as string[];
    expect(drawn).toHaveLength(30);
    for (const value of drawn) expect(value).toMatch(new RegExp(pattern));
    expect(draw(7)).toEqual(drawn);
  });

  it('gives up, without hanging, on a pattern no string of the lengths meets (the values check drops it)', () => {
    // `((?!..)x)+` lets only the last character into the group: two characters at most, never 3.
    const pattern = '^[a-zA-Z]((?!--|__|..)[a-zA-Z0-9-_.])+$';
    const drawn = fc.sample(arbitraryFor({ type: 'string', pattern, minLength: 3 }), { seed: 7, numRuns: 5 });
    expect(drawn).toHaveLength(5);
  });
});

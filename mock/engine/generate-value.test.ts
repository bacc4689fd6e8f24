import { describe, expect, it } from 'vitest';
import { SchemaValidator } from '../openapi/schema-validator.ts';
import { createEnglishFaker } from './create-faker.ts';
import { BUDGET, type GenerateOptions, generateValue } from './generate-value.ts';
import type { Schema } from './schema-shape.ts';

const validator = new SchemaValidator();
const faker = createEnglishFaker(1);
const FROM = Date.UTC(2025, 0, 1);
const options = (seed: number, extra: Partial<GenerateOptions> = {}): GenerateOptions => ({
  seed,
  faker,
  hints: {},
  from: FROM,
  to: FROM + 365 * 86_400_000,
  check: (schema, value) => validator.validate(schema, value).ok,
  ...extra,
});

/** A recursive schema, as dereferencing leaves it: a node whose children are nodes. */
function tree(): Schema {
  const node = {
    type: 'object',
    required: ['name', 'children'],
    properties: { name: { type: 'string' } },
  } as Schema & { properties: Record<string, unknown> };
  node.properties.children = { type: 'array', items: node };
  return node;
}

/** A required field that is itself, unless null: ends only by the nullable branch. */
function linked(): Schema {
  const node = { type: 'object', required: ['next'], properties: {} } as Schema & {
    properties: Record<string, unknown>;
  };
  node.properties.next = { anyOf: [node, { type: 'null' }] } as unknown as Schema;
  return node;
}

const CASES: [string, Schema][] = [
  ['const', { const: 'fixed' } as Schema],
  ['enum', { type: 'string', enum: ['a', 'b', 'c'] }],
  ['3.0 nullable', { type: 'string', nullable: true, maxLength: 3 }],
  ['3.1 type list', { type: ['integer', 'null'], minimum: 5, maximum: 6 } as unknown as Schema],
  ['integer range, exclusive (3.0)', { type: 'integer', minimum: 1, maximum: 3, exclusiveMinimum: true }],
  [
    'number range, exclusive (3.1)',
    { type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 1 } as unknown as Schema,
  ],
  ['a number of format int64', { type: 'number', format: 'int64' }],
  ['multipleOf', { type: 'number', minimum: 1, maximum: 2, multipleOf: 0.25 }],
  ['string lengths', { type: 'string', minLength: 30, maxLength: 31 }],
  ['a minLength above the usual words, with no maxLength', { type: 'string', minLength: 32 }],
  ['pattern', { type: 'string', pattern: '^m_[a-z0-9]{8}$' }],
  ['pattern with lookaheads', { type: 'string', pattern: '^(?=.*[A-Z])(?=.*\\d)[A-Za-z\\d]{8,12}$' }],
  ['snowflake pattern', { type: 'string', pattern: '^(0|[1-9][0-9]*)$' }],
  ...([
    'date-time',
    'date',
    'time',
    'uuid',
    'uri',
    'email',
    'hostname',
    'ipv4',
    'ipv6',
    'byte',
    'duration',
  ].map((format) => [`format ${format}`, { type: 'string', format }] as [string, Schema]) as [
    string,
    Schema,
  ][]),
  [
    'required and optional properties',
    { type: 'object', required: ['a'], properties: { a: { type: 'integer' }, b: { type: 'boolean' } } },
  ],
  [
    'an empty object closed by additionalProperties: false',
    { type: 'object', properties: {}, additionalProperties: false },
  ],
  [
    'additionalProperties: false',
    { type: 'object', additionalProperties: false, properties: { a: { type: 'string' } } },
  ],
  [
    'a map (additionalProperties schema)',
    { type: 'object', additionalProperties: { type: 'integer', minimum: 7 }, minProperties: 2 },
  ],
  [
    'minProperties past the named ones',
    { type: 'object', properties: { a: { type: 'string' } }, minProperties: 3 },
  ],
  [
    'maxProperties',
    { type: 'object', maxProperties: 1, properties: { a: { type: 'string' }, b: { type: 'string' } } },
  ],
  [
    'patternProperties only',
    {
      type: 'object',
      additionalProperties: false,
      minProperties: 1,
      patternProperties: { '^x-[a-z]{3}$': { type: 'string' } },
    } as unknown as Schema,
  ],
  ['minItems and maxItems', { type: 'array', minItems: 3, maxItems: 4, items: { type: 'string' } }],
  [
    'uniqueItems',
    { type: 'array', minItems: 3, uniqueItems: true, items: { type: 'integer', minimum: 1, maximum: 5 } },
  ],
  [
    '3.1 prefixItems',
    {
      type: 'array',
      prefixItems: [{ type: 'string' }, { type: 'integer' }],
      minItems: 2,
    } as unknown as Schema,
  ],
  [
    'allOf',
    {
      allOf: [
        { type: 'object', required: ['a'], properties: { a: { type: 'string' } } },
        { required: ['b'], properties: { b: { type: 'integer', minimum: 3 } } },
      ],
    },
  ],
  [
    'allOf narrowing one property',
    {
      allOf: [
        { type: 'object', required: ['n'], properties: { n: { type: 'integer' } } },
        { properties: { n: { minimum: 10, maximum: 11 } } },
      ],
    } as Schema,
  ],
  [
    'oneOf of overlapping objects',
    {
      oneOf: [
        { type: 'object', required: ['a'], properties: { a: { type: 'string' } } },
        {
          type: 'object',
          required: ['a', 'b'],
          properties: { a: { type: 'string' }, b: { type: 'integer' } },
          additionalProperties: false,
        },
      ],
    },
  ],
  [
    'oneOf of required lists over shared optional properties',
    {
      type: 'object',
      properties: { org: { type: 'string' }, orgID: { type: 'string' }, bucket: { type: 'string' } },
      oneOf: [{ required: ['orgID', 'bucket'] }, { required: ['org', 'bucket'] }],
    } as Schema,
  ],
  [
    'an enum whose members are not all of its type',
    { type: 'string', enum: [1, 'one', 2] } as unknown as Schema,
  ],
  ['oneOf of overlapping numbers', { oneOf: [{ type: 'number' }, { type: 'integer' }] } as Schema],
  ['anyOf', { anyOf: [{ type: 'string', format: 'email' }, { type: 'integer' }] }],
  [
    'oneOf with a discriminator mapping',
    {
      oneOf: [
        {
          type: 'object',
          required: ['kind', 'bark'],
          properties: { kind: { type: 'string', enum: ['dog'] }, bark: { type: 'boolean' } },
        },
        {
          type: 'object',
          required: ['kind', 'meow'],
          properties: { kind: { type: 'string', enum: ['cat'] }, meow: { type: 'integer' } },
        },
      ],
      discriminator: { propertyName: 'kind' },
    } as Schema,
  ],
  [
    'not',
    { type: 'string', enum: undefined, not: { enum: ['forbidden'] }, minLength: 1 } as unknown as Schema,
  ],
  [
    'properties beside oneOf',
    {
      type: 'object',
      required: ['id'],
      properties: { id: { type: 'string', format: 'uuid' } },
      oneOf: [
        { required: ['x'], properties: { x: { type: 'integer' } } },
        { required: ['y'], properties: { y: { type: 'string' } } },
      ],
    } as Schema,
  ],
  ['a recursive tree', tree()],
  ['a required self-reference that ends by null', linked()],
  [
    'readOnly and writeOnly',
    {
      type: 'object',
      properties: { id: { type: 'string', readOnly: true }, password: { type: 'string', writeOnly: true } },
    },
  ],
];

describe('generateValue: a valid value for each keyword, by construction', () => {
  it.each(CASES)('%s', (_, schema) => {
    for (let seed = 1; seed <= 25; seed++) {
      const value = generateValue(schema, options(seed));
      expect(value, `seed ${seed}`).not.toBeUndefined();
      const result = validator.validate(schema, value);
      expect(result, `seed ${seed}: ${JSON.stringify(value)}`).toEqual({ ok: true });
    }
  });
});

describe('generateValue: budget and determinism', () => {
  it('gives the same value for the same seed, and another for another seed', () => {
    const schema = CASES.find(([name]) => name === 'a recursive tree')?.[1] as Schema;
    const a = JSON.stringify(generateValue(schema, options(7)));
    expect(JSON.stringify(generateValue(schema, options(7)))).toBe(a);
    expect(JSON.stringify(generateValue(schema, options(8)))).not.toBe(a);
  });

  it('stops a recursive value at the depth budget, with only required fields below it', () => {
    const depthOf = (v: unknown): number =>
      typeof v === 'object' && v !== null
        ? 1 + Math.max(0, ...Object.values(v as Record<string, unknown>).map(depthOf))
        : 0;
    for (let seed = 1; seed <= 10; seed++)
      expect(depthOf(generateValue(tree(), options(seed)))).toBeLessThanOrEqual(2 * BUDGET.depth + 2);
  });

  it('keeps values small on a wide schema of many nested optional objects', () => {
    const leaf = {
      type: 'object',
      properties: Object.fromEntries([...'abcdefghij'].map((k) => [k, { type: 'string' }])),
    };
    let schema: Schema = leaf as Schema;
    for (let level = 0; level < 6; level++)
      schema = {
        type: 'object',
        properties: Object.fromEntries([...'abcdefghij'].map((k) => [k, schema])),
      } as Schema;
    const text = JSON.stringify(generateValue(schema, options(3)));
    expect(text.length).toBeLessThan(200_000);
  });

  it('leaves writeOnly fields out of an answer and readOnly fields out of a request', () => {
    const schema = CASES.find(([name]) => name === 'readOnly and writeOnly')?.[1] as Schema;
    const answer = generateValue(schema, options(2)) as Record<string, unknown>;
    const request = generateValue(schema, options(2, { writing: true })) as Record<string, unknown>;
    expect(Object.keys(answer)).toEqual(['id']);
    expect(Object.keys(request)).toEqual(['password']);
  });

  it('answers undefined for a schema no value meets', () => {
    expect(generateValue({ type: 'integer', minimum: 3, maximum: 2 }, options(1))).toBeUndefined();
    expect(
      generateValue({ type: 'array', minItems: 2, items: false } as unknown as Schema, options(1)),
    ).toBeUndefined();
  });

  it('follows x-faker hints, the profile’s and faker’s own', () => {
    const hinted = {
      type: 'object',
      required: ['a', 'b'],
      properties: {
        a: { type: 'string', 'x-faker': 'custom.one' },
        b: { type: 'string', 'x-faker': 'person.firstName' },
      },
    } as unknown as Schema;
    const value = generateValue(hinted, options(4, { hints: { 'custom.one': () => 'ONE' } })) as Record<
      string,
      string
    >;
    expect(value.a).toBe('ONE');
    expect(value.b).toMatch(/^[A-Z]/);
  });
});

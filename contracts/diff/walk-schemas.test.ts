import { describe, expect, it } from 'vitest';
import type { RuleName } from './rules.ts';
import type { ContractVersion, Direction, Emit } from './types.ts';
import { compareSchemas } from './walk-schemas.ts';

/** One schema per version, at #/components/schemas/S, with whatever else `extra` declares. */
function version(schema: object, extra: Record<string, object> = {}): ContractVersion {
  return { label: 'v', files: { 'openapi.yaml': { components: { schemas: { S: schema, ...extra } } } } };
}

function rules(before: object, after: object, direction: Direction, extra: Record<string, object> = {}) {
  const found: RuleName[] = [];
  const emit: Emit = (rule) => found.push(rule);
  const at = { file: 'openapi.yaml', pointer: '/components/schemas/S' };
  const [base, head] = [version(before, extra), version(after, extra)];
  compareSchemas(
    { base, head, direction, subject: 'S', emit },
    { ...at, value: before },
    { ...at, value: after },
    'S',
  );
  return found;
}

const node = {
  type: 'object',
  properties: {
    name: { type: 'string' },
    children: { type: 'array', items: { $ref: '#/components/schemas/Node' } },
  },
};

// The direction algebra of the rules table, keyword by keyword: [case, before, after, request, response].
describe('compareSchemas', () => {
  it.each<[string, object, object, RuleName[], RuleName[]]>([
    [
      'integer widened to number',
      { type: 'integer' },
      { type: 'number' },
      ['request-constraint-loosened'],
      ['response-constraint-loosened'],
    ],
    [
      'number narrowed to integer',
      { type: 'number' },
      { type: 'integer' },
      ['request-constraint-tightened'],
      ['response-constraint-tightened'],
    ],
    ['string to object', { type: 'string' }, { type: 'object' }, ['type-changed'], ['type-changed']],
    [
      'a 3.0 exclusive bound switched on',
      { type: 'number', minimum: 0 },
      { type: 'number', minimum: 0, exclusiveMinimum: true },
      ['request-constraint-tightened'],
      ['response-constraint-tightened'],
    ],
    [
      'multipleOf 10 -> 5 accepts more',
      { type: 'integer', multipleOf: 10 },
      { type: 'integer', multipleOf: 5 },
      ['request-constraint-loosened'],
      ['response-constraint-loosened'],
    ],
    [
      'an enum where there was none',
      { type: 'string' },
      { type: 'string', enum: ['a'] },
      ['request-constraint-tightened'],
      ['response-constraint-tightened'],
    ],
    [
      'one enum value for another',
      { type: 'string', enum: ['a', 'b'] },
      { type: 'string', enum: ['a', 'c'] },
      ['request-enum-value-removed', 'request-enum-value-added'],
      ['response-enum-value-removed', 'response-enum-value-added'],
    ],
    [
      'OpenAPI 3.1 null dropped from the type list',
      { type: ['string', 'null'] },
      { type: 'string' },
      ['request-constraint-tightened'],
      ['response-constraint-tightened'],
    ],
    [
      'a oneOf branch added',
      { oneOf: [{ type: 'string' }] },
      { oneOf: [{ type: 'string' }, { type: 'integer' }] },
      ['request-constraint-loosened'],
      ['response-constraint-loosened'],
    ],
    [
      'a field deep in a recursive schema, reached through $ref',
      { $ref: '#/components/schemas/Node' },
      { $ref: '#/components/schemas/Node', description: 'same' },
      [],
      [],
    ],
    [
      'allOf parts merged: required moved between parts is no change',
      {
        allOf: [
          { type: 'object', required: ['a'], properties: { a: { type: 'string' } } },
          { type: 'object' },
        ],
      },
      {
        allOf: [
          { type: 'object', properties: { a: { type: 'string' } } },
          { type: 'object', required: ['a'] },
        ],
      },
      [],
      [],
    ],
    [
      'a required field made readOnly: gone from requests, its required with it',
      { type: 'object', required: ['id'], properties: { id: { type: 'string' } } },
      { type: 'object', required: ['id'], properties: { id: { type: 'string', readOnly: true } } },
      ['request-property-became-optional', 'request-property-became-read-only'],
      [],
    ],
    [
      'a required field made writeOnly: gone from responses',
      { type: 'object', required: ['password'], properties: { password: { type: 'string' } } },
      {
        type: 'object',
        required: ['password'],
        properties: { password: { type: 'string', writeOnly: true } },
      },
      [],
      ['response-property-became-optional', 'response-property-became-write-only'],
    ],
    [
      'readOnly dropped from a required field: clients must now send it',
      { type: 'object', required: ['id'], properties: { id: { type: 'string', readOnly: true } } },
      { type: 'object', required: ['id'], properties: { id: { type: 'string' } } },
      ['request-property-became-required', 'request-property-became-writable'],
      [],
    ],
    [
      'writeOnly dropped from a required field: servers must now send it',
      { type: 'object', required: ['token'], properties: { token: { type: 'string', writeOnly: true } } },
      { type: 'object', required: ['token'], properties: { token: { type: 'string' } } },
      [],
      ['response-property-became-required', 'response-property-became-readable'],
    ],
    [
      'a required readOnly field added: only responses gain it',
      { type: 'object' },
      { type: 'object', required: ['id'], properties: { id: { type: 'string', readOnly: true } } },
      [],
      ['response-required-property-added'],
    ],
    [
      'a readOnly field retyped: no part of a request',
      { type: 'object', properties: { id: { type: 'string', readOnly: true } } },
      { type: 'object', properties: { id: { type: 'integer', readOnly: true } } },
      [],
      ['type-changed'],
    ],
    [
      'a writeOnly field removed: only requests lose it',
      { type: 'object', properties: { secret: { type: 'string', writeOnly: true } } },
      { type: 'object' },
      ['request-property-removed'],
      [],
    ],
    [
      'readOnly beside an allOf, and readOnly written on the $ref target instead: no change',
      {
        type: 'object',
        properties: { id: { allOf: [{ $ref: '#/components/schemas/Id' }], readOnly: true } },
      },
      { type: 'object', properties: { id: { $ref: '#/components/schemas/ReadOnlyId' } } },
      [],
      [],
    ],
    [
      'a discriminator mapping that only spells out the implicit values',
      { oneOf: [{ $ref: '#/components/schemas/Id' }], discriminator: { propertyName: 'kind' } },
      {
        oneOf: [{ $ref: '#/components/schemas/Id' }],
        discriminator: { propertyName: 'kind', mapping: { Id: '#/components/schemas/Id' } },
      },
      [],
      [],
    ],
    [
      'a discriminator value renamed by a mapping (Id -> id)',
      { oneOf: [{ $ref: '#/components/schemas/Id' }], discriminator: { propertyName: 'kind' } },
      {
        oneOf: [{ $ref: '#/components/schemas/Id' }],
        discriminator: { propertyName: 'kind', mapping: { id: 'Id' } },
      },
      ['request-enum-value-removed', 'request-enum-value-added'],
      ['response-enum-value-removed', 'response-enum-value-added'],
    ],
    [
      'a discriminator dropped',
      { oneOf: [{ $ref: '#/components/schemas/Id' }], discriminator: { propertyName: 'kind' } },
      { oneOf: [{ $ref: '#/components/schemas/Id' }] },
      ['discriminator-changed'],
      ['discriminator-changed'],
    ],
  ])('%s', (_, before, after, request, response) => {
    const extra = { Node: node, Id: { type: 'string' }, ReadOnlyId: { type: 'string', readOnly: true } };
    expect(rules(before, after, 'request', extra)).toEqual(request);
    expect(rules(before, after, 'response', extra)).toEqual(response);
  });

  it('ends on a recursive schema whose recursion changed', () => {
    const deeper = {
      type: 'object',
      properties: {
        name: { type: 'integer' },
        children: { type: 'array', items: { $ref: '#/components/schemas/S' } },
      },
    };
    const shallow = {
      type: 'object',
      properties: {
        name: { type: 'string' },
        children: { type: 'array', items: { $ref: '#/components/schemas/S' } },
      },
    };
    expect(rules(shallow, deeper, 'response')).toEqual(['type-changed']);
  });
});

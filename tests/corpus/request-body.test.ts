import { describe, expect, it } from 'vitest';
import type { Schema } from '../../mock/engine/schema-shape.ts';
import { SchemaValidator } from '../../mock/openapi/schema-validator.ts';
import { requestBody } from './request-body.ts';

// The corpus's bodies are valid against the operation's request schema, or say why not: each row
// is a request schema of a public description on which the harness's body was refused.

const validator = new SchemaValidator();
const validate = (schema: Schema, value: unknown) => validator.validate(schema, value);

const VALID: [name: string, given: { schema: Schema; record?: Schema }][] = [
  [
    "a oneOf of required lists beside optional fields (GitHub's project items)",
    {
      schema: {
        type: 'object',
        additionalProperties: false,
        required: ['type'],
        properties: {
          type: { type: 'string', enum: ['Issue', 'PullRequest'] },
          id: { type: 'integer' },
          owner: { type: 'string' },
          repo: { type: 'string' },
          number: { type: 'integer' },
        },
        oneOf: [{ required: ['id'] }, { required: ['owner', 'repo', 'number'] }],
      },
    },
  ],
  [
    "a plain string the record keeps as a uri (GitHub's deployment statuses)",
    {
      schema: { type: 'object', properties: { target_url: { type: 'string' } } },
      record: { type: 'object', properties: { target_url: { type: 'string', format: 'uri' } } },
    },
  ],
  [
    "an enum wider than the record's (GitHub's budget types)",
    {
      schema: {
        type: 'object',
        required: ['kind'],
        properties: { kind: { type: 'string', enum: ['a', 'b', 'c'] } },
      },
      record: {
        type: 'object',
        properties: {
          kind: {
            oneOf: [
              { type: 'string', enum: ['a'] },
              { type: 'string', enum: ['b'] },
            ],
          },
        },
      },
    },
  ],
];

describe('request bodies', () => {
  it.each(VALID)(
    '%s: valid against the request schema, and the record where given',
    (_, { schema, record }) => {
      const body = requestBody(schema, validate, record);
      expect(body.invalid).toBeUndefined();
      expect(validate(schema, body.value).ok).toBe(true);
      if (record) expect(validate(record, body.value).ok).toBe(true);
    },
  );

  it("names the description's defect where the schema admits no value", () => {
    const schema: Schema = {
      type: 'object',
      required: ['namespaceId'],
      properties: {
        namespaceId: { type: 'null', oneOf: [{ type: 'string' }, { type: 'number' }] } as unknown as Schema,
      },
    };
    const body = requestBody(schema, validate);
    expect(body.invalid).toBeDefined();
    expect(body.defect).toMatch(/^\/namespaceId: /);
  });
});

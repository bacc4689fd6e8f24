import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { mockOfSpec, openapi } from './small-spec.ts';

// Issue 18: shapes of real APIs that broke the mock's answers, each reduced to a small document
// and judged by an Ajv of the test's own over the documented schema (not the mock's validator).

const addFormats = addFormatsModule.default;
const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);

const ENGINE = {
  type: 'object',
  required: ['id', 'object'],
  properties: { id: { type: 'string' }, object: { type: 'string' }, ready: { type: 'boolean' } },
};

describe('answers of real API shapes', async () => {
  const lists = await mockOfSpec(
    openapi(
      {
        // OpenAI's lists: an envelope that requires a field named `object` beside its `data`.
        '/engines': {
          get: {
            operationId: 'listEngines',
            responses: { '200': json({ $ref: '#/components/schemas/ListEngines' }) },
          },
          post: {
            operationId: 'createEngine',
            requestBody: { content: { 'application/json': { schema: { type: 'object' } } } },
            responses: { '200': json({ $ref: '#/components/schemas/Engine' }) },
          },
        },
        '/engines/{engine_id}': {
          get: {
            operationId: 'getEngine',
            parameters: [{ name: 'engine_id', in: 'path', required: true, schema: { type: 'string' } }],
            responses: { '200': json({ $ref: '#/components/schemas/Engine' }) },
          },
        },
      },
      {
        Engine: ENGINE,
        ListEngines: {
          type: 'object',
          required: ['object', 'data'],
          properties: {
            object: { type: 'string' },
            data: { type: 'array', items: { $ref: '#/components/schemas/Engine' } },
          },
        },
      },
    ),
  );

  it('a list envelope that requires a field named `object`', async () => {
    const res = await lists.fetch(`${lists.baseUrl}/engines`);
    expect(res.status).toBe(200);
    const body = await res.json();
    const schema = {
      type: 'object',
      required: ['object', 'data'],
      properties: { object: { type: 'string' }, data: { type: 'array', items: ENGINE } },
    };
    expect(ajv.validate(schema, body), JSON.stringify(ajv.errors)).toBe(true);
  });
});

function json(schema: object) {
  return { description: 'ok', content: { 'application/json': { schema } } };
}

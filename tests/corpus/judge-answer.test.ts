import { describe, expect, it } from 'vitest';
import { judgeOf } from './judge-answer.ts';

// The corpus's judge can fail: each broken answer below is refused, each kept one passes, on a 3.0
// document (nullable, int32 bounds, a shared response, a $ref'd schema) and a 3.1 one (type arrays).

const pet30 = {
  openapi: '3.0.3',
  paths: {
    '/pets/{id}': {
      get: {
        responses: {
          '200': {
            description: 'A pet.',
            content: { 'application/json': { schema: { $ref: '#/components/schemas/Pet' } } },
          },
          '404': { $ref: '#/components/responses/NotFound' },
        },
      },
      delete: { responses: { '204': { description: 'Gone.' } } },
    },
  },
  components: {
    schemas: {
      Pet: {
        type: 'object',
        required: ['id', 'name'],
        properties: {
          id: { type: 'integer', format: 'int32' },
          name: { type: 'string', nullable: true, example: { id: 'not-an-identifier' } },
          born: { type: 'string', format: 'date-time' },
        },
      },
    },
    responses: {
      NotFound: {
        description: 'No such pet.',
        content: { 'application/json': { schema: { type: 'object', required: ['message'] } } },
      },
    },
  },
};

const pet31 = {
  openapi: '3.1.0',
  paths: {
    '/pets': {
      get: {
        responses: {
          '2XX': {
            description: 'Pets.',
            content: {
              'application/json': {
                schema: {
                  type: 'array',
                  items: { type: 'object', properties: { tag: { type: ['string', 'null'] } } },
                },
              },
            },
          },
        },
      },
    },
  },
};

const json = (status: number, body: unknown) => ({
  status,
  contentType: 'application/json; charset=utf-8',
  body: JSON.stringify(body),
});

describe('the corpus judge', () => {
  const judge30 = judgeOf(pet30);
  const judge31 = judgeOf(pet31);
  it.each([
    [
      'a 3.0 record',
      judge30,
      '/pets/{id}',
      'get',
      json(200, { id: 1, name: null, born: '2026-01-01T00:00:00Z' }),
      0,
    ],
    ['a required field missing', judge30, '/pets/{id}', 'get', json(200, { id: 1 }), 1],
    ['an int32 out of bounds', judge30, '/pets/{id}', 'get', json(200, { id: 2 ** 40, name: 'x' }), 1],
    [
      'a date-time that is not one',
      judge30,
      '/pets/{id}',
      'get',
      json(200, { id: 1, name: 'x', born: 'today' }),
      1,
    ],
    ['a shared response kept', judge30, '/pets/{id}', 'get', json(404, { message: 'no' }), 0],
    ['a shared response broken', judge30, '/pets/{id}', 'get', json(404, { detail: 'no' }), 1],
    ['an undocumented status', judge30, '/pets/{id}', 'get', json(400, { message: 'bad' }), 1],
    [
      'an undocumented media type',
      judge30,
      '/pets/{id}',
      'get',
      { ...json(404, { message: 'no' }), contentType: 'application/problem+json' },
      1,
    ],
    ['a body where none is documented', judge30, '/pets/{id}', 'delete', json(204, {}), 0],
    ['a 3.1 type array with null', judge31, '/pets', 'get', json(200, [{ tag: null }, { tag: 'a' }]), 0],
    ['a 3.1 type array broken', judge31, '/pets', 'get', json(201, [{ tag: 3 }]), 1],
    ['not JSON', judge31, '/pets', 'get', { status: 200, contentType: 'application/json', body: '{' }, 1],
  ])('%s: %i problems', (_name, judge, path, method, answer, count) => {
    expect(judge(path, method, answer)).toHaveLength(count);
  });

  it('refuses a body on a response that documents none', () => {
    expect(judge30('/pets/{id}', 'delete', json(200, { id: 1 }))).toEqual([
      'status 200 is not documented (204)',
    ]);
    const bare = judgeOf({
      openapi: '3.0.3',
      paths: { '/x': { get: { responses: { '200': { description: 'ok' } } } } },
    });
    expect(bare('/x', 'get', json(200, { a: 1 }))).toHaveLength(1);
  });

  it("judges a Ruby-anchored pattern (Linode's domains) rather than leaving it out", () => {
    const domains = judgeOf({
      openapi: '3.0.3',
      paths: {
        '/d': {
          get: {
            responses: {
              '200': {
                description: 'ok',
                content: {
                  'application/json': {
                    schema: {
                      type: 'object',
                      properties: { domain: { type: 'string', pattern: '\\A[a-z]+\\.com\\Z' } },
                    },
                  },
                },
              },
            },
          },
        },
      },
    });
    expect(domains('/d', 'get', json(200, { domain: 'example.com' }))).toEqual([]);
    expect(domains('/d', 'get', json(200, { domain: 'Not A Domain' }))).toHaveLength(1);
    expect([...domains.unjudged]).toEqual([]);
  });
});

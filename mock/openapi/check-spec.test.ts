import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkSpecSchema } from './check-spec.ts';
import { loadSpec } from './load-spec.ts';
import { sortSpecProblems } from './spec-problems.ts';

const ok = { '200': { description: 'ok' } };
const thing = (type: string) => ({
  paths: {
    '/a': { get: { responses: { '200': { $ref: '#/components/responses/Thing' } } } },
    '/b': { get: { responses: ok } },
  },
  components: {
    responses: {
      Thing: {
        description: 'x',
        content: { 'application/json': { schema: { $ref: '#/components/schemas/T' } } },
      },
    },
    schemas: { T: { type } },
  },
});

/** The problems the check finds, as the mock's start says them. */
function problemsOf(document: object): string[] {
  try {
    checkSpecSchema(document);
    return [];
  } catch (error) {
    return sortSpecProblems(document as never, error).problems;
  }
}

describe('checkSpecSchema: the document as written, against its version of the OpenAPI schema', () => {
  it.each([
    ['3.0, valid', { openapi: '3.0.3', info: { title: 't', version: '1' }, ...thing('object') }, []],
    ['3.1, valid', { openapi: '3.1.0', info: { title: 't', version: '1' }, ...thing('object') }, []],
    [
      '3.0, a typo in a shared schema: said once, where it is written',
      { openapi: '3.0.3', info: { title: 't', version: '1' }, ...thing('objct') },
      [
        '#/components/schemas/T/type must be equal to one of the allowed values (array, boolean, integer, number, object, string), not "objct"',
      ],
    ],
    ['3.0, no info', { openapi: '3.0.3', paths: {} }, ["# must have required property 'info'"]],
    [
      '3.1, a path that does not start with a slash',
      { openapi: '3.1.0', info: { title: 't', version: '1' }, paths: { a: { get: { responses: ok } } } },
      ['#/paths must NOT have unevaluated properties'],
    ],
  ])('%s', (_name, document, problems) => {
    expect(problemsOf(document)).toEqual(problems);
  });
});

describe('loadSpec', () => {
  const dir = mkdtempSync(join(tmpdir(), 'check-spec-'));
  const write = (name: string, value: object) => {
    const file = join(dir, name);
    writeFileSync(file, JSON.stringify(value));
    return file;
  };

  it('refuses a $ref that points at nothing, naming it', async () => {
    const doc = { openapi: '3.0.3', info: { title: 't', version: '1' }, ...thing('object') };
    delete (doc.components as { schemas?: unknown }).schemas;
    await expect(loadSpec(write('dangling.json', doc))).rejects.toThrow(/#\/components\/schemas\/T/);
  });

  it('checks what another file holds where a $ref points there, and dereferences it', async () => {
    const schemas = (type: string) => write(`schemas-${type}.json`, { T: { type } });
    const doc = (type: string) => ({
      openapi: '3.0.3',
      info: { title: 't', version: '1' },
      paths: {
        '/a': {
          get: {
            responses: {
              '200': {
                description: 'x',
                content: { 'application/json': { schema: { $ref: `${schemas(type)}#/T` } } },
              },
            },
          },
        },
      },
    });
    const spec = await loadSpec(write('outside.json', doc('object')));
    expect(spec.document.paths['/a']?.get?.responses['200']).toMatchObject({
      content: { 'application/json': { schema: { type: 'object' } } },
    });
    // The raw document, with its $ref, is read again from the text.
    expect(JSON.stringify(spec.raw)).toContain('#/T');
    await expect(loadSpec(write('outside-bad.json', doc('objct')))).rejects.toThrow();
  });
});

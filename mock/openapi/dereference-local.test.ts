import SwaggerParser from '@apidevtools/swagger-parser';
import { describe, expect, it } from 'vitest';
import { dereferenceLocal } from './dereference-local.ts';
import { loadSpec } from './load-spec.ts';

describe('dereferenceLocal, the browser mock’s $ref resolver', () => {
  it('gives this contract exactly what swagger-parser gives', async () => {
    const { raw } = await loadSpec(undefined, { validate: false });
    const ours = dereferenceLocal(structuredClone(raw));
    const theirs = await SwaggerParser.dereference(structuredClone(raw));
    expect(ours).toEqual(theirs);
    expect(JSON.stringify(ours)).not.toContain('"$ref"');
  });

  it('makes a recursive schema a circular object, shared where it is referred to', () => {
    const doc = dereferenceLocal({
      a: { $ref: '#/components/schemas/Node' },
      components: {
        schemas: { Node: { type: 'object', properties: { next: { $ref: '#/components/schemas/Node' } } } },
      },
    }) as unknown as { a: { properties: { next: unknown } }; components: { schemas: { Node: unknown } } };
    expect(doc.a).toBe(doc.components.schemas.Node);
    expect(doc.a.properties.next).toBe(doc.a);
  });

  it('keeps the siblings of a $ref, decodes pointer escapes, and refuses what it cannot follow', () => {
    const doc = dereferenceLocal({
      x: { $ref: '#/paths/~1qa~1%7Bid%7D', description: 'mine' },
      paths: { '/qa/{id}': { type: 'string', description: 'theirs' } },
    }) as { x: unknown };
    expect(doc.x).toEqual({ type: 'string', description: 'mine' });
    expect(() => dereferenceLocal({ x: { $ref: 'other.yaml#/A' } })).toThrow(/bundle the contract first/);
    expect(() => dereferenceLocal({ x: { $ref: '#/nothing' } })).toThrow(/points at nothing/);
    expect(() => dereferenceLocal({ x: { $ref: '#/y' }, y: { $ref: '#/x' } })).toThrow(/refers to itself/);
  });
});

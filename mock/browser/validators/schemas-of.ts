import { children } from '../../openapi/schema-tree.ts';
import { splitList } from '../../routes/record-memo.ts';

type Node = Record<string, unknown>;
const isNode = (value: unknown): value is Node =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Every schema a dereferenced contract holds that the engine may validate with, in an order fixed
 * by the document: each schema of the document (a parameter's, a body's, an answer's, a component)
 * and every schema inside one (the seed and the generator check parts of records), then each
 * message payload of the AsyncAPI channel. The build compiles them in this order, and the page,
 * walking its own copy of the same document, finds each one's validator by its place.
 */
export function schemasIn(document: object, payloads: Iterable<object>): object[] {
  const found = new Set<object>();
  const addSchema = (schema: unknown): void => {
    if (!isNode(schema) || found.has(schema)) return;
    found.add(schema);
    // The schemas inside it as Ajv's parts are cut (schema-tree.ts): the same keywords.
    for (const child of children(schema)) addSchema(child);
  };
  const walked = new Set<object>();
  const walk = (node: unknown, key: string, parent: string): void => {
    if (typeof node !== 'object' || node === null || walked.has(node)) return;
    walked.add(node);
    if (key === 'schema' || parent === 'schemas') addSchema(node);
    for (const [k, v] of Object.entries(node)) walk(v, k, key);
  };
  walk(document, '', '');
  for (const payload of payloads) addSchema(payload);
  return [...found];
}

/**
 * The envelope of each list answer among `schemas` (record-memo.ts checks a page's envelope and its
 * items apart): objects the engine makes, so the page finds their validators by their content.
 */
export function envelopesOf(schemas: object[]): object[] {
  return schemas.flatMap((schema) => splitList(schema) ?? []).map((list) => list.envelope);
}

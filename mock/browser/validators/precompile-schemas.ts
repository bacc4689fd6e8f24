import { _, Ajv } from 'ajv';
import standaloneModule from 'ajv/dist/standalone/index.js';
import { fullFormats } from 'ajv-formats/dist/formats.js';
import { dereferenceLocal } from '../../openapi/dereference-local.ts';
import type { OpenApiDocument } from '../../openapi/load-spec.ts';
import { type SchemaParts, toSchemaTree } from '../../openapi/schema-tree.ts';
import { AJV_OPTIONS, ANNOTATIONS, UNCHECKED_FORMATS } from '../../openapi/schema-validator.ts';
import { channelOf } from '../../realtime/channel-of.ts';
import { splitList } from '../../routes/record-memo.ts';
import { schemaKey } from './schema-key.ts';

// CommonJS with a default export; under NodeNext the function sits on `.default`.
const standaloneCode = standaloneModule.default;

type Node = Record<string, unknown>;
const isNode = (value: unknown): value is Node =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Keywords whose values are schemas, as schema-tree.ts walks them. */
const ONE = ['additionalProperties', 'not', 'if', 'then', 'else', 'contains', 'propertyNames', 'items'];
const ONE_MORE = ['additionalItems', 'unevaluatedProperties', 'unevaluatedItems'];
const LIST = ['allOf', 'anyOf', 'oneOf', 'prefixItems', 'items'];
const MAP = ['properties', 'patternProperties', 'dependentSchemas', '$defs', 'definitions'];

/**
 * Every schema the engine may validate with, in a contract as the page dereferences it: each
 * schema of the document (a parameter's, a body's, an answer's, a component) and every schema
 * inside one (the seed and the generator check parts of records), each message payload of the
 * AsyncAPI channel, and the envelope of each list answer (record-memo.ts checks a page's envelope
 * and its items apart).
 */
export function schemasOf(openapi: object, asyncapi?: object): object[] {
  const document = dereferenceLocal(structuredClone(openapi) as OpenApiDocument);
  const found = new Set<object>();
  const addSchema = (schema: unknown): void => {
    if (!isNode(schema) || found.has(schema)) return;
    found.add(schema);
    for (const key of [...ONE, ...ONE_MORE]) addSchema(schema[key]);
    for (const key of LIST) if (Array.isArray(schema[key])) for (const s of schema[key]) addSchema(s);
    for (const key of MAP) if (isNode(schema[key])) for (const s of Object.values(schema[key])) addSchema(s);
    // An envelope's own items are loosened to `{}`: split once, not again.
    const list = splitList(schema);
    if (list) found.add(list.envelope);
  };
  const walked = new Set<object>();
  const walk = (node: unknown, key: string, parent: string): void => {
    if (typeof node !== 'object' || node === null || walked.has(node)) return;
    walked.add(node);
    if (key === 'schema' || parent === 'schemas') addSchema(node);
    for (const [k, v] of Object.entries(node)) walk(v, k, key);
  };
  walk(document, '', '');
  if (asyncapi)
    for (const payload of channelOf(structuredClone(asyncapi) as Node, document).messages.values())
      addSchema(payload);
  return [...found];
}

/** The bundled contract's validators, compiled at build time: what the page's module is made of. */
export interface Precompiled {
  /** The name of each schema's validate function, by the schema's key (schema-key.ts). */
  keys: Record<string, string>;
  /** Why Ajv could not compile a schema, by its key: such a schema constrains nothing. */
  unreadable: Record<string, string>;
  /**
   * Ajv's standalone code (CommonJS: `exports.v0 = ...`, `require` of Ajv's runtime helpers), which
   * reads the format checks from a free `formats`: one code for the full and the fast checks.
   */
  code: string;
}

/**
 * Compiles `schemas` with Ajv's standalone code generation, with the options every validator of
 * the mock uses. The errors' `schemaPath`, which the mock never reads (schema-errors.ts), is left
 * out: a tenth of the code gzipped.
 */
export function precompile(schemas: object[]): Precompiled {
  const ajv = new Ajv({ ...AJV_OPTIONS, code: { source: true, formats: _`formats` } });
  // Every checked format as a function the generated code calls on the `formats` it is given.
  for (const [name, format] of Object.entries(fullFormats)) {
    const type = isNode(format) && typeof format.type === 'string' ? format.type : 'string';
    ajv.addFormat(name, { type: type as 'string', validate: () => true });
  }
  for (const name of UNCHECKED_FORMATS) ajv.addFormat(name, true);
  ajv.addVocabulary(ANNOTATIONS);
  const partIds = new WeakMap<object, string>();
  let partCount = 0;
  const parts: SchemaParts = {
    idOf: (node) => partIds.get(node),
    add: (node, build) => {
      const id = `urn:schema:${++partCount}`;
      partIds.set(node, id);
      ajv.addSchema(build(id), id);
      return id;
    },
  };
  // Every object schema a part of its own first, so that a root which is one compiles to a
  // reference to it: each is generated once, not once inline and again where others use it.
  toSchemaTree({ anyOf: schemas }, parts);
  const exports: Record<string, string> = {};
  const keys: Record<string, string> = {};
  const unreadable: Record<string, string> = {};
  for (const schema of schemas) {
    const key = schemaKey(schema);
    if (keys[key] !== undefined || unreadable[key] !== undefined) continue;
    const id = `urn:root:${Object.keys(exports).length}`;
    try {
      ajv.addSchema(toSchemaTree(schema, parts), id);
      ajv.getSchema(id);
      const name = `v${Object.keys(exports).length}`;
      exports[name] = id;
      keys[key] = name;
    } catch (error) {
      ajv.removeSchema(id);
      unreadable[key] = (error as Error).message;
    }
  }
  const code = standaloneCode(ajv, exports).replace(/schemaPath:"(?:[^"\\]|\\.)*",/g, '');
  return { keys, unreadable, code };
}

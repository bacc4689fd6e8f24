import { _, Ajv } from 'ajv';
import standaloneModule from 'ajv/dist/standalone/index.js';
import { fullFormats } from 'ajv-formats/dist/formats.js';
import { dereferenceLocal } from '../../openapi/dereference-local.ts';
import type { OpenApiDocument } from '../../openapi/load-spec.ts';
import { type SchemaParts, toSchemaTree } from '../../openapi/schema-tree.ts';
import { AJV_OPTIONS, ANNOTATIONS, UNCHECKED_FORMATS } from '../../openapi/schema-validator.ts';
import { channelOf } from '../../realtime/channel-of.ts';
import { schemaKey } from './schema-key.ts';
import { envelopesOf, schemasIn } from './schemas-of.ts';

// CommonJS with a default export; under NodeNext the function sits on `.default`.
const standaloneCode = standaloneModule.default;

const isNode = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The schemas of a contract as the page reads it (`openapi` and `asyncapi` parsed, not yet
 * dereferenced): those of the document by their place (schemas-of.ts), and the list envelopes.
 */
export function schemasOf(openapi: object, asyncapi?: object): { inDocument: object[]; envelopes: object[] } {
  const document = dereferenceLocal(structuredClone(openapi) as OpenApiDocument);
  const payloads = asyncapi
    ? channelOf(structuredClone(asyncapi) as Record<string, unknown>, document).messages.values()
    : [];
  const inDocument = schemasIn(document, payloads);
  return { inDocument, envelopes: envelopesOf(inDocument) };
}

/** The bundled contract's validators, compiled at build time: what the page's module is made of. */
export interface Precompiled {
  /** The name of the validator of each schema of the document, in their order (schemas-of.ts). */
  names: string[];
  /** The name of the validator of each list envelope, by its key (schema-key.ts). */
  envelopes: Record<string, string>;
  /** Why Ajv could not compile a schema, by the name it has above: it constrains nothing. */
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
export function precompile(schemas: { inDocument: object[]; envelopes: object[] }): Precompiled {
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
  toSchemaTree({ anyOf: schemas.inDocument }, parts);
  const exports: Record<string, string> = {};
  const unreadable: Record<string, string> = {};
  // Schemas alike in content share one validator.
  const byKey = new Map<string, string>();
  const nameOf = (schema: object): string => {
    const key = schemaKey(schema);
    let name = byKey.get(key);
    if (name !== undefined) return name;
    const id = `urn:root:${byKey.size}`;
    try {
      ajv.addSchema(toSchemaTree(schema, parts), id);
      ajv.getSchema(id);
      name = `v${byKey.size}`;
      exports[name] = id;
    } catch (error) {
      ajv.removeSchema(id);
      name = `u${byKey.size}`;
      unreadable[name] = (error as Error).message;
    }
    byKey.set(key, name);
    return name;
  };
  const names = schemas.inDocument.map(nameOf);
  const envelopes = Object.fromEntries(schemas.envelopes.map((e) => [schemaKey(e), nameOf(e)]));
  const code = standaloneCode(ajv, exports).replace(/schemaPath:"(?:[^"\\]|\\.)*",/g, '');
  return { names, envelopes, unreadable, code };
}

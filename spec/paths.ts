import { existsSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));

/**
 * The repository root (or the installed package's folder), found from this file so that commands
 * work from any working directory. This file runs from three places: `spec/` in a checkout,
 * `dist/mock.mjs` bundled by `npm start` (both one level down), and `lib/spec/` compiled in the
 * published package (two levels down); the root is the first of them that holds the contract.
 */
export const ROOT_DIR =
  [resolve(HERE, '..'), resolve(HERE, '..', '..')].find((dir) => existsSync(resolve(dir, 'openapi.yaml'))) ??
  resolve(HERE, '..');

/** The contract: every type, mock answer and check derives from this file. */
export const OPENAPI_PATH = resolve(ROOT_DIR, 'openapi.yaml');

/** The real-time channel's contract, whose payloads `$ref` into openapi.yaml. */
export const ASYNCAPI_PATH = resolve(ROOT_DIR, 'asyncapi.yaml');

/** Where `npm run generate` writes the TypeScript types of openapi.yaml. */
export const GENERATED_TYPES_PATH = resolve(ROOT_DIR, 'spec', 'api.generated.ts');

/**
 * Where the tools keep what they can recompute, by the node_modules/.cache convention: the
 * checkout's own, or, once installed as a package, that of the node_modules folder holding it.
 */
export const CACHE_DIR =
  basename(dirname(ROOT_DIR)) === 'node_modules'
    ? resolve(dirname(ROOT_DIR), '.cache', 'ai-call-center')
    : resolve(ROOT_DIR, 'node_modules', '.cache', 'ai-call-center');

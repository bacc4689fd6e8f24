import { existsSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The folder that holds the contract, seen from `here`, the folder of this module. The module runs
 * from three places: `dist/mock.mjs` bundled by `npm start` (one level down), `mock/openapi/` in a
 * checkout and `lib/mock/openapi/` compiled in a published package (two levels down when the package's
 * lib/ holds its copy of the contract, three when its root does); the root is the first folder above
 * that holds openapi.yaml.
 */
export function findRoot(here: string, exists: (path: string) => boolean = existsSync): string {
  const candidates = [resolve(here, '..'), resolve(here, '..', '..'), resolve(here, '..', '..', '..')];
  return candidates.find((dir) => exists(resolve(dir, 'openapi.yaml'))) ?? resolve(here, '..', '..');
}

/**
 * Where the tools keep what they can recompute, by the node_modules/.cache convention: the
 * checkout's own, or, once installed as a package, that of the node_modules folder holding it.
 */
export function cacheDirOf(root: string): string {
  for (let dir = dirname(root); dir !== dirname(dir); dir = dirname(dir))
    if (basename(dir) === 'node_modules') return resolve(dir, '.cache', 'ai-call-center');
  return resolve(root, 'node_modules', '.cache', 'ai-call-center');
}

/** The repository root (or the installed package's folder), so that commands work from any working directory. */
export const ROOT_DIR = findRoot(dirname(fileURLToPath(import.meta.url)));

/** The contract: every type, mock answer and check derives from this file. */
export const OPENAPI_PATH = resolve(ROOT_DIR, 'openapi.yaml');

/** The real-time channel's contract, whose payloads `$ref` into openapi.yaml. */
export const ASYNCAPI_PATH = resolve(ROOT_DIR, 'asyncapi.yaml');

/** Where `npm run generate` writes the TypeScript types of openapi.yaml. */
export const GENERATED_TYPES_PATH = resolve(ROOT_DIR, 'generated', 'api.generated.ts');

/** Where `npm run generate` writes the contract as one alias-free document, YAML and JSON. */
export const BUNDLE_YAML_PATH = resolve(ROOT_DIR, 'generated', 'openapi.bundle.yaml');
export const BUNDLE_JSON_PATH = resolve(ROOT_DIR, 'generated', 'openapi.bundle.json');
/** asyncapi.yaml as JSON, for the browser's mock (which has no YAML file to read). */
export const ASYNCAPI_JSON_PATH = resolve(ROOT_DIR, 'generated', 'asyncapi.bundle.json');

/** The cache of the parsed contract and of its validation (see cacheDirOf). */
export const CACHE_DIR = cacheDirOf(ROOT_DIR);

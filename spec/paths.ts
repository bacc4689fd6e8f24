import { existsSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The folder that holds the contract, seen from `here`, the folder of this module. The module runs
 * from three places: `spec/` in a checkout, `dist/mock.mjs` bundled by `npm start` (both one level
 * down), and `lib/spec/` compiled in the published package (two levels down); the root is the
 * first folder above that holds openapi.yaml.
 */
export function findRoot(here: string, exists: (path: string) => boolean = existsSync): string {
  const candidates = [resolve(here, '..'), resolve(here, '..', '..')];
  return candidates.find((dir) => exists(resolve(dir, 'openapi.yaml'))) ?? resolve(here, '..');
}

/**
 * Where the tools keep what they can recompute, by the node_modules/.cache convention: the
 * checkout's own, or, once installed as a package, that of the node_modules folder holding it.
 */
export function cacheDirOf(root: string): string {
  const parent = dirname(root);
  return basename(parent) === 'node_modules'
    ? resolve(parent, '.cache', 'ai-call-center')
    : resolve(root, 'node_modules', '.cache', 'ai-call-center');
}

/** The repository root (or the installed package's folder), so that commands work from any working directory. */
export const ROOT_DIR = findRoot(dirname(fileURLToPath(import.meta.url)));

/** The contract: every type, mock answer and check derives from this file. */
export const OPENAPI_PATH = resolve(ROOT_DIR, 'openapi.yaml');

/** The real-time channel's contract, whose payloads `$ref` into openapi.yaml. */
export const ASYNCAPI_PATH = resolve(ROOT_DIR, 'asyncapi.yaml');

/** Where `npm run generate` writes the TypeScript types of openapi.yaml. */
export const GENERATED_TYPES_PATH = resolve(ROOT_DIR, 'spec', 'api.generated.ts');

/** Where `npm run generate` writes the contract as one alias-free document, YAML and JSON. */
export const BUNDLE_YAML_PATH = resolve(ROOT_DIR, 'spec', 'openapi.bundle.yaml');
export const BUNDLE_JSON_PATH = resolve(ROOT_DIR, 'spec', 'openapi.bundle.json');
/** asyncapi.yaml as JSON, for the browser's mock (which has no YAML file to read). */
export const ASYNCAPI_JSON_PATH = resolve(ROOT_DIR, 'spec', 'asyncapi.bundle.json');

/** The cache of the parsed contract and of its validation (see cacheDirOf). */
export const CACHE_DIR = cacheDirOf(ROOT_DIR);

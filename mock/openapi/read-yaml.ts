import { readFile } from 'node:fs/promises';
import { CORE_SCHEMA, load } from 'js-yaml';
import { cacheFile, readCacheFile, writeCacheFile } from './content-cache.ts';
import { CACHE_DIR } from './paths.ts';

/**
 * Reads a YAML file. js-yaml, not the `yaml` package: on openapi.yaml it is ten times faster
 * (about 30 ms against 300). Still, parsing the contract was a tenth of a start of the mock
 * (profiled), so what was read is kept as JSON under the SHA-256 of the text, and the same text is
 * read back with JSON.parse. A cache that cannot be read or written only costs the parse.
 */
export async function readYaml(path: string, cacheDir = CACHE_DIR): Promise<unknown> {
  const text = await readFile(path, 'utf8');
  return parseJson(text) ?? (await parseYaml(text, path, cacheDir));
}

/**
 * A text that is JSON, parsed: JSON is YAML too, and JSON.parse reads it twenty times faster than
 * js-yaml, with no cache to hash and write (GitHub's 13 MB description: 1.5 s of YAML parsing and
 * a 13 MB cache file). Undefined for any other text, JSON-like YAML included (a flow mapping with
 * comments, unquoted keys).
 */
export function parseJson(text: string): unknown {
  if (!/^\s*[{[]/.test(text)) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** A YAML text parsed, through the cache of what the same text gave before. */
export async function parseYaml(text: string, path: string, cacheDir = CACHE_DIR): Promise<unknown> {
  const cached = cacheFile(cacheDir, 'yaml', text, '.json');
  const hit = await readCacheFile(cached);
  try {
    if (hit !== undefined) return JSON.parse(hit) as unknown;
  } catch {
    // damaged: parse the YAML
  }
  // The YAML 1.2 core schema, as the `yaml` package reads it: no timestamps turned into Dates.
  const value = load(text, { filename: path, schema: CORE_SCHEMA });
  await writeCacheFile(cached, JSON.stringify(value));
  return value;
}

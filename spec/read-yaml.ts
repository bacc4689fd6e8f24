import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CORE_SCHEMA, load } from 'js-yaml';
import { CACHE_DIR } from './paths.ts';

/**
 * Reads a YAML file. js-yaml, not the `yaml` package: on openapi.yaml it is ten times faster
 * (about 30 ms against 300). Still, parsing the contract was a tenth of a start of the mock
 * (profiled), so what was read is kept as JSON under the SHA-256 of the text, and the same text is
 * read back with JSON.parse. A cache that cannot be read or written only costs the parse.
 */
export async function readYaml(path: string, cacheDir = CACHE_DIR): Promise<unknown> {
  const text = await readFile(path, 'utf8');
  const cached = join(cacheDir, `yaml-${createHash('sha256').update(text).digest('hex')}.json`);
  const hit = await readFile(cached, 'utf8')
    .then((json) => JSON.parse(json) as unknown)
    .catch(() => undefined); // missing, unreadable or damaged: parse the YAML
  if (hit !== undefined) return hit;
  // The YAML 1.2 core schema, as the `yaml` package reads it: no timestamps turned into Dates.
  const value = load(text, { filename: path, schema: CORE_SCHEMA });
  // Written aside and renamed, so that a reader in another process never sees half a file.
  const partial = `${cached}.${process.pid}.tmp`;
  await mkdir(cacheDir, { recursive: true })
    .then(() => writeFile(partial, JSON.stringify(value)))
    .then(() => rename(partial, cached))
    .catch(() => undefined);
  return value;
}

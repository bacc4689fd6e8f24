import { cacheFile, readCacheFile, writeCacheFile } from './content-cache.ts';
import { type LoadedSpec, validateSpec } from './load-spec.ts';
import { CACHE_DIR } from './paths.ts';

/**
 * Validates a contract against the OpenAPI 3.0 schema once per content: a document that passed is
 * remembered by the SHA-256 of its content, and the next start with the same content skips the
 * check. The check blocks the event loop for about 200 ms (profiled: half of a start of the mock),
 * and the contract rarely changes between starts. Only a pass is remembered; a cache that cannot
 * be written costs a check per start, nothing more.
 */
export async function validateSpecOnce(
  spec: LoadedSpec,
  cacheDir = CACHE_DIR,
): Promise<'checked' | 'remembered'> {
  const marker = cacheFile(cacheDir, 'openapi-valid', JSON.stringify(spec.raw));
  if ((await readCacheFile(marker)) !== undefined) return 'remembered';
  await validateSpec(spec);
  await writeCacheFile(marker, `${spec.path}\n`);
  return 'checked';
}

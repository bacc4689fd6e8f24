import { cacheFile, readCacheFile, writeCacheFile } from './content-cache.ts';
import { checkSpec, type SpecSource } from './load-spec.ts';
import { CACHE_DIR } from './paths.ts';
import { sortSpecProblems } from './spec-problems.ts';

/** What the check of a contract found: `problems` refuse it, `warnings` only a validator's bug gives. */
export interface SpecVerdict {
  how: 'checked' | 'remembered';
  problems: string[];
  warnings: string[];
}

/**
 * Checks a read contract against the OpenAPI schema once per content, before it is dereferenced:
 * a document that passed is remembered by the SHA-256 of its text, and the next start with the
 * same text skips the check. Only a pass is remembered; a cache that cannot be written costs a
 * check per start, nothing more. Each problem is one line (spec-problems.ts).
 */
export async function checkSpecOnce(source: SpecSource, cacheDir = CACHE_DIR): Promise<SpecVerdict> {
  const marker = cacheFile(cacheDir, 'openapi-valid', source.text);
  if ((await readCacheFile(marker)) !== undefined) return { how: 'remembered', problems: [], warnings: [] };
  try {
    await checkSpec(source);
  } catch (error) {
    return { how: 'checked', ...sortSpecProblems(source.raw, error) };
  }
  await writeCacheFile(marker, `${source.path}\n`);
  return { how: 'checked', problems: [], warnings: [] };
}

import { createHash } from 'node:crypto';
import { access, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
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
  const digest = createHash('sha256').update(JSON.stringify(spec.raw)).digest('hex');
  const marker = join(cacheDir, `openapi-valid-${digest}`);
  if (
    await access(marker).then(
      () => true,
      () => false,
    )
  )
    return 'remembered';
  await validateSpec(spec);
  await mkdir(cacheDir, { recursive: true })
    .then(() => writeFile(marker, `${spec.path}\n`))
    .catch(() => undefined);
  return 'checked';
}

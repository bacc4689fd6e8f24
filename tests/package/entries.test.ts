import { join } from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { ROOT_DIR } from '../../mock/openapi/paths.ts';

/**
 * The packages a module loads as it is imported, as esbuild follows them: type imports leave none,
 * and an `import()` on demand (better-sqlite3 when MOCK_DB names an SQLite file) is not counted.
 */
async function packagesLoadedBy(entry: string): Promise<string[]> {
  const { metafile } = await build({
    entryPoints: [join(ROOT_DIR, entry)],
    bundle: true,
    write: false,
    metafile: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    logLevel: 'silent',
  });
  const names = new Set<string>();
  for (const input of Object.values(metafile.inputs))
    for (const { path, external, kind } of input.imports)
      if (external && kind !== 'dynamic-import' && !path.startsWith('node:'))
        names.add(
          path.startsWith('@') ? path.split('/').slice(0, 2).join('/') : (path.split('/')[0] as string),
        );
  return [...names].sort();
}

// What a user of the mock adds only when they use it: msw for the handlers, express for the
// middleware, better-sqlite3 for an SQLite store. The main entry (a test run's global setup,
// `startMock`) must run without any of them installed.
describe("the mock package's entries load only what their users install", () => {
  it('the main entry (startMock, createInProcessMock, mockMiddleware) loads no msw, express or better-sqlite3', async () => {
    const loaded = await packagesLoadedBy('profiles/call-center/package.ts');
    expect(loaded.filter((name) => ['msw', 'express', 'better-sqlite3'].includes(name))).toEqual([]);
  });

  it('/msw loads msw (the check can fail)', async () => {
    expect(await packagesLoadedBy('profiles/call-center/msw.ts')).toContain('msw');
  });

  it('the client loads openapi-fetch and nothing else', async () => {
    expect(await packagesLoadedBy('client/client.ts')).toEqual(['openapi-fetch']);
  });
});

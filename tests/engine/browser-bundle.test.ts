import { join } from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { ROOT_DIR } from '../../mock/openapi/paths.ts';

// The browser's MSW handlers run the mock's core in a page: nothing on their import graph may need
// Node (node:path, fs, http, a native addon). esbuild, bundling for the browser, refuses any such
// import and names the file, so a server-only import slipping into the core fails here in a second,
// before the Chromium test or a consumer's Vite build would.
describe.each([
  ['the engine', join('mock', 'msw-browser.ts')],
  ["the package's, with the call center registered", join('profiles', 'call-center', 'browser.ts')],
])('the browser entry of %s (%s)', (_name, entry) => {
  it('bundles for the browser with no Node built-in or native module on its import graph', async () => {
    const result = await build({
      entryPoints: [join(ROOT_DIR, entry)],
      bundle: true,
      platform: 'browser',
      format: 'esm',
      write: false,
      external: ['msw', 'msw/*'],
      logLevel: 'silent',
      metafile: true,
    }).catch((error: { errors?: { text: string; location?: { file: string } }[] }) => error);
    const errors = 'errors' in result ? (result.errors ?? []) : [];
    expect(errors.map((e) => `${e.location?.file}: ${e.text}`)).toEqual([]);
    const inputs = 'metafile' in result ? Object.keys(result.metafile?.inputs ?? {}) : [];
    expect(inputs.filter((file) => /better-sqlite3|busboy|express|node_modules\/ws\//.test(file))).toEqual(
      [],
    );
    expect(inputs.length).toBeGreaterThan(50);
  });
});

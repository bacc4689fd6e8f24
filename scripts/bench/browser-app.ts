import { copyFile, mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { ROOT_DIR } from '../../mock/openapi/paths.ts';

/**
 * A small frontend, as a team writes one with MSW's docs open: its mock mode is gated by an
 * environment variable (`VITE_MOCK=browser`) and imports MSW and the package's browser mock lazily,
 * so a build without the flag ships neither. A second page starts MSW's worker alone: the peer the
 * mock's cost is measured against. Both write their times on the console, one `__bench {...}` line:
 * the bench reads it from Chromium's protocol, so nothing of Playwright's runs in the page meanwhile.
 */
const MAIN = `
const asked = performance.now();
const note = (times) => console.info('__bench ' + JSON.stringify(times));
let seeded;
async function enableMocking() {
  if (import.meta.env.VITE_MOCK !== 'browser') return undefined;
  const [{ setupWorker }, { createBrowserMockHandlers }] = await Promise.all([
    import('msw/browser'),
    import('ai-call-center-mock/msw/browser'),
  ]);
  const loaded = performance.now();
  const { handlers, mock } = await createBrowserMockHandlers();
  const created = performance.now();
  // Noted for the bench only: the seed goes on while the worker registers (the requests wait for it).
  mock.seeded.then(() => { seeded = performance.now(); });
  await setupWorker(...handlers).start({ quiet: true, onUnhandledRequest: 'bypass' });
  return { loaded, created, started: performance.now() };
}
try {
  const times = await enableMocking();
  // What the page renders first: a login, then a page of calls.
  const login = await fetch('/api/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'admin@example.com', password: 'admin123' }),
  });
  const { token } = await login.json();
  const calls = await fetch('/api/voip/calls?pageSize=20', { headers: { authorization: 'Bearer ' + token } });
  const { items } = await calls.json();
  note({ asked, ...times, seeded, answered: performance.now(), calls: items.length });
} catch (error) {
  note({ error: String(error && error.stack || error) });
}
`;

const MSW_ONLY = `
const asked = performance.now();
const note = (times) => console.info('__bench ' + JSON.stringify(times));
try {
  const { setupWorker } = await import('msw/browser');
  const loaded = performance.now();
  await setupWorker().start({ quiet: true, onUnhandledRequest: 'bypass' });
  note({ asked, loaded, started: performance.now() });
} catch (error) {
  note({ error: String(error && error.stack || error) });
}
`;

const html = (script: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>bench</title><link rel="icon" href="data:,"></head><body><script type="module" src="${script}"></script></body></html>`;

/** What `vite build` wrote, with the chunks the mock and MSW each load and their sizes. */
export interface BuiltApp {
  outDir: string;
  /** Chunks `import('msw/browser')` loads. */
  msw: ChunkSize[];
  /** Chunks the mock's import loads beyond MSW's, before it answers. */
  mock: ChunkSize[];
  /** Chunks the mock loads only on demand (another contract's faker data, an upload's sniffing). */
  onDemand: ChunkSize[];
  buildMs: number;
}

export interface ChunkSize {
  file: string;
  bytes: number;
  gzipBytes: number;
}

interface ManifestChunk {
  file: string;
  src?: string;
  isDynamicEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
}

/**
 * Writes the scratch app into `dir` (the package linked in as a dependency, as `npm install` of
 * the packed package would place it; msw beside it), runs a production `vite build` with
 * `VITE_MOCK=browser` and reads its manifest for what each import loads. `minify: false` keeps the
 * functions' names, for a profile (profile-browser.ts).
 */
export async function buildScratchApp(dir: string, { minify = true } = {}): Promise<BuiltApp> {
  const mockPackage = join(ROOT_DIR, 'mock');
  const { name } = JSON.parse(await readFile(join(mockPackage, 'package.json'), 'utf8')) as { name: string };
  await mkdir(join(dir, 'src'), { recursive: true });
  await mkdir(join(dir, 'node_modules'), { recursive: true });
  await symlink(mockPackage, join(dir, 'node_modules', name), 'dir');
  await symlink(join(ROOT_DIR, 'node_modules', 'msw'), join(dir, 'node_modules', 'msw'), 'dir');
  await writeFile(join(dir, 'package.json'), '{ "name": "scratch", "private": true, "type": "module" }\n');
  await writeFile(join(dir, '.env.production'), 'VITE_MOCK=browser\n');
  await writeFile(join(dir, 'index.html'), html('/src/main.js'));
  await writeFile(join(dir, 'msw.html'), html('/src/msw-only.js'));
  await writeFile(join(dir, 'src', 'main.js'), MAIN.replace('ai-call-center-mock', name));
  await writeFile(join(dir, 'src', 'msw-only.js'), MSW_ONLY);
  // What `npx msw init public` puts there: the worker, served from the page's origin.
  await mkdir(join(dir, 'public'), { recursive: true });
  await copyFile(
    createRequire(import.meta.url).resolve('msw/mockServiceWorker.js'),
    join(dir, 'public', 'mockServiceWorker.js'),
  );
  const { build } = await import('vite');
  const started = performance.now();
  await build({
    root: dir,
    mode: 'production',
    logLevel: 'silent',
    configFile: false,
    build: {
      // Vite's own minifier unless told not to: the bench measures what a team ships.
      ...(minify ? {} : { minify: false }),
      outDir: join(dir, 'dist'),
      manifest: true,
      rollupOptions: { input: { main: join(dir, 'index.html'), msw: join(dir, 'msw.html') } },
    },
  });
  const buildMs = performance.now() - started;
  const outDir = join(dir, 'dist');
  const manifest = JSON.parse(await readFile(join(outDir, '.vite', 'manifest.json'), 'utf8')) as Record<
    string,
    ManifestChunk
  >;
  const main = manifest['index.html'];
  const dynamic = main?.dynamicImports ?? [];
  const mswKey = dynamic.find((key) => key.includes('node_modules/msw/'));
  const mockKey = dynamic.find((key) => key !== mswKey);
  if (!mswKey || !mockKey) throw new Error(`the build's manifest lacks the two lazy imports: ${dynamic}`);
  const closure = (key: string, into = new Set<string>()): Set<string> => {
    if (into.has(key)) return into;
    into.add(key);
    for (const imported of manifest[key]?.imports ?? []) closure(imported, into);
    return into;
  };
  const mswKeys = closure(mswKey);
  const mockKeys = [...closure(mockKey)].filter((key) => !mswKeys.has(key));
  const lazyKeys = new Set<string>();
  for (const key of mockKeys)
    for (const lazy of manifest[key]?.dynamicImports ?? []) for (const k of closure(lazy)) lazyKeys.add(k);
  for (const key of [...mswKeys, ...mockKeys]) lazyKeys.delete(key);
  const sizes = (keys: Iterable<string>) =>
    Promise.all(
      [...keys].map(async (key) => {
        const file = (manifest[key] as ManifestChunk).file;
        const bytes = await readFile(join(outDir, file));
        return { file, bytes: bytes.length, gzipBytes: gzipSync(bytes).length };
      }),
    );
  return {
    outDir,
    msw: await sizes(mswKeys),
    mock: await sizes(mockKeys),
    onDemand: await sizes(lazyKeys),
    buildMs,
  };
}

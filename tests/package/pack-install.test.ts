import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT_DIR } from '../../mock/openapi/paths.ts';
import { browserSkipReason, launchChromium } from '../mock-e2e/support/chromium.ts';
import { type Asset, servePage } from '../mock-e2e/support/serve-page.ts';
import { extractSnippets } from '../support/markdown-snippets.ts';
import { run, type Service, startService } from '../support/processes.ts';

/** The packages by audience, each a workspace of this checkout: folder, name and version. */
const PACKAGES = await Promise.all(
  ['client', 'mock', 'contracts'].map(async (folder) => {
    const manifest = await readFile(join(ROOT_DIR, folder, 'package.json'), 'utf8');
    return { folder, ...(JSON.parse(manifest) as { name: string; version: string }) };
  }),
);
type Package = (typeof PACKAGES)[number];
const [CLIENT, MOCK, RUNNER] = PACKAGES as [Package, Package, Package];

/** What the lock file of the app says each installed package needs. */
type Lock = { packages: Record<string, { dependencies?: Record<string, string> }> };

/**
 * The packages that installing `name` brings, read from the app's package-lock.json the way Node
 * resolves: a dependency nested under its dependent first, then in each folder above.
 */
function closureOf(lock: Lock, name: string): Set<string> {
  const resolve = (location: string, dependency: string): string | undefined => {
    for (let from = location; ; ) {
      const candidate = from ? `${from}/node_modules/${dependency}` : `node_modules/${dependency}`;
      if (lock.packages[candidate]) return candidate;
      if (!from) return undefined;
      const cut = from.lastIndexOf('/node_modules/');
      from = cut >= 0 ? from.slice(0, cut) : '';
    }
  };
  const seen = new Set<string>();
  const visit = (location: string) => {
    if (seen.has(location)) return;
    seen.add(location);
    for (const dependency of Object.keys(lock.packages[location]?.dependencies ?? {})) {
      const found = resolve(location, dependency);
      if (found !== undefined) visit(found);
    }
  };
  visit(`node_modules/${name}`);
  return new Set([...seen].map((location) => location.slice(location.lastIndexOf('node_modules/') + 13)));
}

/** The version installed here, so that the consumer's install is served from npm's cache. */
async function versionHere(name: string): Promise<string> {
  const manifest = await readFile(join(ROOT_DIR, 'node_modules', name, 'package.json'), 'utf8');
  return (JSON.parse(manifest) as { version: string }).version;
}

// This run's own Vitest must not leak into the consumer's (it would take itself for a worker).
const OUTSIDE_VITEST = Object.fromEntries(
  Object.keys(process.env)
    .filter((key) => key.startsWith('VITEST') || key === 'NODE_ENV')
    .map((key) => [key, undefined]),
);

/** Runs a command in `cwd` to its end within `timeoutMs`; its output, or an error holding it. */
async function step(command: string, args: string[], cwd: string, timeoutMs: number): Promise<string> {
  const { code, output } = await run(command, args, OUTSIDE_VITEST, { cwd, timeoutMs });
  if (code !== 0) throw new Error(`${command} ${args.join(' ')} exited with ${code}:\n${output}`);
  return output;
}

// Slow (one to two minutes): packs the three packages as `npm publish` would, installs the tarballs
// into a fresh Vite + TypeScript project (with MSW, which the mock's handlers need; all from npm's cache),
// and uses them from there as their users do. Every command runs under a deadline: a stuck one
// fails the test.
describe('the packages, packed and installed into a fresh Vite + TypeScript project', () => {
  let dir: string;
  let app: string;
  const bin = (name: string) => join(app, 'node_modules', '.bin', name);

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'contract-package-'));
    // Each package's prepack builds its lib/ first, as it does before a publish.
    const workspaces = PACKAGES.flatMap(({ folder }) => ['--workspace', folder]);
    await step(
      'npm',
      ['pack', ...workspaces, '--pack-destination', dir, '--loglevel=error'],
      ROOT_DIR,
      240_000,
    );
    app = join(dir, 'app');
    await cp(join(import.meta.dirname, 'consumer'), app, { recursive: true });
    await writeFile(
      join(app, 'package.json'),
      JSON.stringify({ name: 'consumer', private: true, type: 'module' }),
    );
    const tools = await Promise.all(
      ['typescript', 'vite', 'vitest', 'msw', 'tsx'].map(
        async (name) => `${name}@${await versionHere(name)}`,
      ),
    );
    const tarballs = PACKAGES.map(({ name, version }) => join(dir, `${name}-${version}.tgz`));
    // --include=dev: under `npm test`, npm passes this checkout's .npmrc (omit=dev) down to every
    // npm it spawns, and the app's tools are its devDependencies.
    const flags = ['--include=dev', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'];
    await step('npm', ['install', ...flags, '--save-dev', ...tarballs, ...tools], app, 150_000);
  }, 420_000);

  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it.each([
    [CLIENT.name, ['lib/client/client.js', 'lib/client/client.d.ts', 'lib/generated/api.generated.d.ts']],
    [
      MOCK.name,
      ['lib/mock/start-mock.js', 'lib/profiles/call-center/package.d.ts', 'lib/browser/msw-browser.js'],
    ],
    [RUNNER.name, ['lib/contracts/run-contract.js', 'lib/contracts/diff/cli.js']],
  ])(
    '%s ships compiled JavaScript with declarations and the contract, no sources or tests',
    async (name, want) => {
      const root = join(app, 'node_modules', name);
      const files = (await readdir(root, { recursive: true }))
        .map((file) => file.replaceAll('\\', '/'))
        .filter((file) => !file.startsWith('node_modules/'));
      expect(files).toEqual(expect.arrayContaining(['lib/openapi.yaml', 'lib/asyncapi.yaml', ...want]));
      expect(files.filter((file) => /(?<!\.d)\.ts$|\.test\./.test(file))).toEqual([]);
    },
  );

  it('brings each audience only its own: the client what openapi-fetch brings, the mock no runner or test tool', async () => {
    const lock = JSON.parse(await readFile(join(app, 'package-lock.json'), 'utf8')) as Lock;
    const client = closureOf(lock, CLIENT.name);
    client.delete(CLIENT.name);
    expect([...client].sort()).toEqual([...closureOf(lock, 'openapi-fetch')].sort());
    const mock = closureOf(lock, MOCK.name);
    const runnerOnly = [
      RUNNER.name,
      CLIENT.name,
      'fast-check',
      '@asyncapi/parser',
      'dredd',
      'vitest',
      'typescript',
    ];
    expect(runnerOnly.filter((name) => mock.has(name))).toEqual([]);
    // The check can fail: the runner does bring what the mock must not.
    expect(closureOf(lock, RUNNER.name).has('fast-check')).toBe(true);
  });

  it('type-checks a consumer with a plain tsconfig, by bundler and by NodeNext resolution', async () => {
    // The package's declarations are checked once (skipLibCheck off); the NodeNext run checks
    // that Node's resolution of the exports finds them.
    // 840 files with the package's declarations checked: 40 s at a load of 14, past 90 s at 19.
    await step(bin('tsc'), ['-p', 'tsconfig.json'], app, 180_000);
    await step(bin('tsc'), ['-p', 'tsconfig.node.json'], app, 180_000);
  }, 370_000);

  it('builds for the browser with Vite: the client pulls in nothing of Node', async () => {
    const output = await step(bin('vite'), ['build'], app, 60_000);
    expect(output).not.toMatch(/externalized for browser compatibility/);
  }, 70_000);

  it.skipIf(browserSkipReason())(
    "runs the app's mock mode in Chromium: MSW's worker answers from the packaged engine, no server",
    async () => {
      // VITE_MOCK=browser keeps src/mocks.ts in the build: createBrowserMockHandlers from /msw/browser.
      // The API's host does not exist (.invalid never resolves): only the worker can answer.
      const env = { ...OUTSIDE_VITEST, VITE_MOCK: 'browser', VITE_API_BASE_URL: 'http://api.invalid/api' };
      const built = await run(bin('vite'), ['build', '--outDir', 'dist-mock'], env, {
        cwd: app,
        timeoutMs: 60_000,
      });
      expect(built.code, built.output).toBe(0);
      expect(built.output).not.toMatch(/externalized for browser compatibility/);
      const dist = join(app, 'dist-mock');
      const assets: Record<string, Asset> = {
        '/mockServiceWorker.js': {
          type: 'text/javascript',
          body: await readFile(join(app, 'node_modules', 'msw', 'lib', 'mockServiceWorker.js'), 'utf8'),
        },
      };
      for (const name of await readdir(join(dist, 'assets')))
        assets[`/assets/${name}`] = {
          type: name.endsWith('.css') ? 'text/css' : 'text/javascript',
          body: await readFile(join(dist, 'assets', name), 'utf8'),
        };
      const served = await servePage(await readFile(join(dist, 'index.html'), 'utf8'), assets);
      const browser = await launchChromium();
      try {
        const page = await browser.newPage();
        await page.goto(served.origin);
        // The app shows the health check's status: 'ok' can only come from the mock in the page.
        await page.waitForFunction(
          () =>
            (
              globalThis as unknown as { document: { body: { textContent: string } } }
            ).document.body.textContent.trim() !== '',
          undefined,
          { timeout: 30_000 },
        );
        expect((await page.textContent('body'))?.trim()).toBe('ok');
      } finally {
        await browser.close();
        await served.close();
      }
    },
    120_000,
  );

  it("starts the mock through its bin, and the runner's bin finds it keeps the contract", async () => {
    let mock: Service | undefined;
    try {
      mock = await startService(
        bin('ai-call-center-mock'),
        ['--port', '0', '--log', 'off'],
        async (output) => /API\s+http:\/\/\S+/.test(output),
        { cwd: app, timeoutMs: 30_000 },
      );
      const shown = /API\s+(http:\/\/\S+)/.exec(mock.output())?.[1] as string;
      const baseUrl = shown.replace('//localhost:', '//127.0.0.1:');
      expect((await fetch(`${baseUrl}/health`, { signal: AbortSignal.timeout(5000) })).status).toBe(200);
      const args = ['--base-url', baseUrl, '--depth', 'quick', '--timeout', '90000'];
      const { code, output } = await run(bin('ai-call-center-contract'), args, OUTSIDE_VITEST, {
        cwd: app,
        timeoutMs: 100_000,
      });
      expect(output).toMatch(/keeps the contract/);
      expect(code).toBe(0);
    } finally {
      await mock?.stop();
    }
  }, 150_000);

  it('serves a Vitest globalSetup through startMock, the in-process mock and MSW handlers', async () => {
    const output = await step(bin('vitest'), ['run'], app, 90_000);
    expect(output).toMatch(/3 passed/);
  }, 100_000);

  it("runs the README's TypeScript as written: each snippet type-checks, the MSW one answers, the client places a call", async () => {
    const snippets = extractSnippets(await readFile(join(ROOT_DIR, 'README.md'), 'utf8'));
    const names = snippets.map((_, i) => join('readme', `snippet-${i + 1}.ts`));
    await mkdir(join(app, 'readme'), { recursive: true });
    await Promise.all(snippets.map((s, i) => writeFile(join(app, names[i] as string), s.code)));
    await writeFile(
      join(app, 'tsconfig.readme.json'),
      JSON.stringify({
        extends: './tsconfig.json',
        compilerOptions: { types: ['node', 'vite/client'], skipLibCheck: true },
        include: ['readme'],
      }),
    );
    await step(bin('tsc'), ['-p', 'tsconfig.readme.json'], app, 180_000);

    // Node runs the MSW snippet; the client snippet runs after it, in the same process, so the
    // address it calls (localhost:3001) is answered by MSW with no server listening.
    const server = names[snippets.findIndex((s) => s.code.includes("from 'msw/node'"))];
    const client = names[snippets.findIndex((s) => s.code.includes('createApiClient('))];
    expect(server && client).toBeTruthy();
    const served = await step(bin('tsx'), [server as string], app, 60_000);
    expect(served).toMatch(/^200 \{.*status: 'ok'/m);
    const called = await step(bin('tsx'), ['--import', `./${server}`, client as string], app, 60_000);
    expect(called).toMatch(/^(queued|ringing|in_progress|completed)$/m);
  }, 310_000);

  it('runs without better-sqlite3 (not one of its dependencies), and names it in one line when MOCK_DB asks for SQLite', async () => {
    const installed = await readdir(join(app, 'node_modules'));
    expect(installed).not.toContain('better-sqlite3');
    const { code, output } = await run(
      bin('ai-call-center-mock'),
      ['--port', '0', '--log', 'off'],
      {
        ...OUTSIDE_VITEST,
        MOCK_DB: join(dir, 'state.sqlite'),
      },
      { cwd: app, timeoutMs: 30_000 },
    );
    expect(code).not.toBe(0);
    expect(output).toMatch(/needs the better-sqlite3 package: npm install better-sqlite3@12/);
    expect(output).not.toMatch(/\n\s+at /);
  }, 40_000);

  it("startMock's reset() brings back the seeded state", async () => {
    const output = await step(process.execPath, ['reset.mjs'], app, 60_000);
    const { status, seeded, placed, reset } = JSON.parse(output.trim().split('\n').at(-1) as string);
    expect({ status, placed, reset }).toEqual({ status: 201, placed: seeded + 1, reset: seeded });
  }, 70_000);

  it('runs the breaking-change check through its bin', async () => {
    const contract = join('node_modules', CLIENT.name, 'lib');
    const output = await step(
      bin('ai-call-center-contract-diff'),
      ['--base', contract, '--head', contract],
      app,
      60_000,
    );
    expect(output).toMatch(/no changes/i);
  }, 70_000);
});

import './browser/install-buffer.ts';
import { http, type RequestHandler, type WebSocketHandler, ws } from 'msw';
import bundledChannel from '../generated/asyncapi.bundle.json' with { type: 'json' };
import bundled from '../generated/openapi.bundle.json' with { type: 'json' };
import { fetchHandler } from './adapters/fetch.ts';
import { consoleLogger } from './browser/console-logger.ts';
import { loadFullLocales } from './browser/faker-locales.ts';
import { indexedDbSeedCache } from './browser/indexeddb-seed-cache.ts';
import { mswSocket } from './browser/msw-socket.ts';
import { loadSchemaCompiler, prepareValidators } from './browser/validators/schema-compiler.ts';
import type { MockContext } from './context.ts';
import { createRequestHandler } from './core/handle-request.ts';
import { createMockCore } from './create-mock-core.ts';
import { MemoryFiles } from './files/memory-files.ts';
import { HttpProblem } from './http/problem.ts';
import { requestIdOf } from './http/request-id.ts';
import { dereferenceLocal } from './openapi/dereference-local.ts';
import type { LoadedSpec, OpenApiDocument } from './openapi/load-spec.ts';
import { defaultOptions, type MockOptions } from './options.ts';
import type { Profile } from './profile.ts';
import { authenticateSocket } from './realtime/authenticate-socket.ts';
import { channelOf } from './realtime/channel-of.ts';
import { type Channel, openChannel } from './realtime/open-channel.ts';

export interface BrowserMockOptions extends Partial<MockOptions> {
  /**
   * The OpenAPI document (an object, `$ref`s allowed, or the URL of its JSON); by default this
   * package's own contract, bundled in.
   */
  document?: object | string;
  /**
   * Its AsyncAPI document (an object, or the URL of its JSON), for the real-time channel; by default
   * this package's own when `document` is too, else none (no socket is intercepted).
   */
  asyncapi?: object | string;
  /** Where the frontend sends its requests, without the path (`http://localhost:3001`); default: any origin. */
  origin?: string;
  /** The profiles the contract may ask for by name (its top-level `x-mock.profile`). */
  profiles?: Profile[];
  /**
   * Keep the seeded state in the page's IndexedDB, so that the next load of the page (a reload)
   * reads it instead of seeding again: a profile's seed is most of the mock's start. Default true
   * in the built package; the same seed gives the same state either way.
   */
  keepSeed?: boolean;
}

/** The build's name (scripts/build-browser.mjs defines it): a kept seed is the build's own. */
declare const BROWSER_BUILD_ID: string;

/** The mock behind the handlers, in the page: its state, a fetch that skips MSW, and reset(). */
export interface BrowserMock {
  /** Its context; the state is filled once `seeded` settles. */
  ctx: MockContext;
  /**
   * Settles once the seeded state is in the store. The handlers are given before (MSW's worker
   * registers while the page seeds), and every request waits for it; it rejects when the seed
   * failed, and the requests are then answered with a problem saying so.
   */
  seeded: Promise<void>;
  /** Answers a request directly (the handlers call this). */
  fetch(request: Request): Promise<Response>;
  /** Refills the state from the seed: between stories or tests. */
  reset(): Promise<void>;
  /** Stops the profile's timers (live calls) and closes the real-time sockets. */
  close(): Promise<void>;
}

/**
 * MSW handlers for a browser (a service worker: Storybook, a dev page, component tests in a real
 * browser): the mock's own engine answers in the page, with the same validation, seeds, state,
 * auth and `Prefer` controls as `npm start`, uploaded files kept in memory. No server to run.
 *
 * ```ts
 * import { setupWorker } from 'msw/browser';
 * const { handlers } = await createBrowserMockHandlers({ seed: 42 });
 * await setupWorker(...handlers).start();
 * ```
 */
export async function createBrowserMockHandlers(
  options: BrowserMockOptions = {},
): Promise<{ handlers: (RequestHandler | WebSocketHandler)[]; mock: BrowserMock }> {
  const { document = bundled, origin, profiles = [], keepSeed = true, ...overrides } = options;
  const asyncapi = options.asyncapi ?? (document === bundled ? bundledChannel : undefined);
  // First, so that IndexedDB opens while the contract loads and the core is built.
  const build = typeof BROWSER_BUILD_ID === 'string' ? BROWSER_BUILD_ID : undefined;
  const seedCache = keepSeed && build ? indexedDbSeedCache(build) : undefined;
  // Quiet unless asked: a page's console is the developer's.
  const mockOptions: MockOptions = { ...defaultOptions(), log: 'off', ...overrides };
  // The page carries the faker data the bundled contract reaches and its validators, compiled at
  // build time; another contract may reach any data, and needs Ajv's compiler.
  const own = document === bundled && (asyncapi === undefined || asyncapi === bundledChannel);
  const [spec, channelDocument] = await Promise.all([
    loadDocument(document),
    asyncapi ? readJson(asyncapi) : undefined,
    own ? undefined : loadFullLocales(),
    own ? undefined : loadSchemaCompiler(),
  ]);
  const contract = channelDocument ? channelOf(channelDocument, spec.document) : undefined;
  if (own) prepareValidators(spec.document, contract?.messages.values() ?? []);
  const logger = consoleLogger(mockOptions.log === 'off' ? 'off' : 'info');
  const core = await createMockCore(spec, mockOptions, profiles, {
    logger,
    files: new MemoryFiles(),
    seedCache,
    seedLater: true,
  });
  const seeded = core.seeded;
  // Noted here, so that a failed seed is no unhandled rejection: requests answer it.
  seeded.catch((error: Error) =>
    console.error(`the mock in the page could not seed its state: ${error.message}`),
  );
  // The same core as the server's, without what only a server has (security headers for documents,
  // the docs page, the admin routes: the handle has reset()).
  const answerSeeded = fetchHandler(createRequestHandler(core), { client: 'page' });
  const answer = (request: Request) =>
    seeded.then(
      () => answerSeeded(request),
      (error: Error) => seedFailed(error, request, core.ctx.problemTypes),
    );
  const path = `${core.ctx.basePath}/*`;
  const base = origin ? origin.replace(/\/$/, '') + path : `*${path}`;
  const handlers: (RequestHandler | WebSocketHandler)[] = [http.all(base, ({ request }) => answer(request))];
  let channel: Channel | undefined;
  if (contract) {
    channel = openChannel(core.ctx, contract, { logger });
    const address = core.ctx.basePath + contract.address;
    const link = ws.link(origin ? origin.replace(/^http/, 'ws').replace(/\/$/, '') + address : `*${address}`);
    const open = channel;
    handlers.push(
      link.addEventListener('connection', ({ client }) => {
        // The token comes in the `token` query parameter, as asyncapi.yaml says browsers send it.
        // Accepted once the state is seeded, as requests are; a failed seed closes it as a server would.
        const request = { headers: {}, url: client.url.pathname + client.url.search };
        void seeded
          .then(() => authenticateSocket(request, core.ctx))
          .then(
            (auth) => open.accept(mswSocket(client), auth),
            () => client.close(1011, 'internal_error'),
          );
      }),
    );
  }
  return {
    handlers,
    mock: {
      ctx: core.ctx,
      seeded,
      fetch: answer,
      async reset() {
        await seeded;
        await core.reset();
      },
      async close() {
        channel?.close();
        await seeded.catch(() => undefined);
        await core.close();
      },
    },
  };
}

/** The answer to every request once the seed has failed: the contract's problem, saying why. */
function seedFailed(error: Error, request: Request, types: string): Response {
  const problem = new HttpProblem(
    'internal_error',
    `The mock in the page could not seed its state: ${error.message}`,
  );
  const body = problem.toBody(
    new URL(request.url).pathname,
    requestIdOf(request.headers.get('x-request-id') ?? undefined),
    types,
  );
  return new Response(JSON.stringify(body), {
    status: problem.status,
    headers: { 'content-type': 'application/problem+json' },
  });
}

/** How long the page waits for a contract given by URL. */
const CONTRACT_TIMEOUT_MS = 10_000;

/** A JSON document given as an object (copied) or as the URL to fetch it from. */
async function readJson(source: object | string): Promise<Record<string, unknown>> {
  if (typeof source !== 'string') return structuredClone(source as Record<string, unknown>);
  // Bounded: a contract URL that never answers must not leave the page waiting without a word.
  const response = await fetch(source, { signal: AbortSignal.timeout(CONTRACT_TIMEOUT_MS) }).catch(
    (error: Error) => {
      throw new Error(
        `fetching the contract ${source} failed within ${CONTRACT_TIMEOUT_MS} ms: ${error.message}`,
      );
    },
  );
  if (!response.ok) throw new Error(`${source} answered ${response.status}: no contract to mock`);
  return (await response.json()) as Record<string, unknown>;
}

/** Reads and dereferences the contract, as loadSpec does on a server, without a file system. */
async function loadDocument(document: object | string): Promise<LoadedSpec> {
  const raw = (await readJson(document)) as unknown as OpenApiDocument;
  const dereferenced = dereferenceLocal(structuredClone(raw));
  return { path: typeof document === 'string' ? document : 'openapi.json', raw, document: dereferenced };
}

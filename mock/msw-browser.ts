import './browser/install-buffer.ts';
import { http, type RequestHandler } from 'msw';
import { pino } from 'pino';
import { PROFILES } from '../profiles/index.ts';
import { dereferenceLocal } from '../spec/dereference-local.ts';
import type { LoadedSpec, OpenApiDocument } from '../spec/load-spec.ts';
import bundled from '../spec/openapi.bundle.json' with { type: 'json' };
import type { MockContext } from './context.ts';
import { createMockCore } from './create-mock-core.ts';
import { fetchAnswerer } from './fetch/answer-fetch.ts';
import { MemoryFiles } from './files/memory-files.ts';
import { defaultOptions, type MockOptions } from './options.ts';

export interface BrowserMockOptions extends Partial<MockOptions> {
  /**
   * The OpenAPI document (an object, `$ref`s allowed, or the URL of its JSON); by default this
   * package's own contract, bundled in.
   */
  document?: object | string;
  /** Where the frontend sends its requests, without the path (`http://localhost:3001`); default: any origin. */
  origin?: string;
}

/** The mock behind the handlers, in the page: its state, a fetch that skips MSW, and reset(). */
export interface BrowserMock {
  ctx: MockContext;
  /** Answers a request directly (the handlers call this). */
  fetch(request: Request): Promise<Response>;
  /** Refills the state from the seed: between stories or tests. */
  reset(): Promise<void>;
  /** Stops the profile's timers (live calls). */
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
): Promise<{ handlers: RequestHandler[]; mock: BrowserMock }> {
  const { document = bundled, origin, ...overrides } = options;
  // No CORS, rate limits or docs in a page (see fetchAnswerer); quiet unless asked, as a page's
  // console is the developer's.
  const mockOptions: MockOptions = { ...defaultOptions(), log: 'off', ...overrides };
  const spec = await loadDocument(document);
  const logger = pino({ level: mockOptions.log === 'off' ? 'silent' : 'info', browser: { asObject: false } });
  const core = await createMockCore(spec, mockOptions, PROFILES, { logger, files: new MemoryFiles() });
  const answer = fetchAnswerer(core.ctx);
  const path = `${core.ctx.basePath}/*`;
  const base = origin ? origin.replace(/\/$/, '') + path : `*${path}`;
  return {
    handlers: [http.all(base, ({ request }) => answer(request))],
    mock: { ctx: core.ctx, fetch: answer, reset: core.reset, close: core.close },
  };
}

/** Reads and dereferences the contract, as loadSpec does on a server, without a file system. */
async function loadDocument(document: object | string): Promise<LoadedSpec> {
  const raw = (
    typeof document === 'string' ? await (await fetch(document)).json() : structuredClone(document)
  ) as OpenApiDocument;
  const dereferenced = dereferenceLocal(structuredClone(raw));
  return { path: typeof document === 'string' ? document : 'openapi.json', raw, document: dereferenced };
}

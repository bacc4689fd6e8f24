import inject from 'light-my-request';
import { PROFILES } from '../profiles/index.ts';
import { loadSpec } from '../spec/load-spec.ts';
import { createMockApp, type MockApp } from './create-mock-app.ts';
import { defaultOptions, type MockOptions } from './options.ts';

export type { MockOptions } from './options.ts';

/** A mock that answers in this process: a fetch that opens no port and no socket. */
export interface InProcessMock extends MockApp {
  /** fetch() against the mock: `mock.fetch('/api/qa')` or a full URL of `origin`. */
  fetch(input: string | URL | Request, init?: RequestInit): Promise<Response>;
  /** The origin in-process URLs are written against (nothing listens there). */
  origin: string;
  /** `origin` + the API's base path. */
  baseUrl: string;
}

const ORIGIN = 'http://mock.local';

/**
 * Builds the mock of a contract and answers WHATWG requests with WHATWG responses through the
 * whole pipeline (CORS, limits, auth, validation, the engine, the checked answer), injected into
 * the app with light-my-request instead of a socket. For tests that need no port, and for request
 * interception in Node (MSW's `http.all('*', ({ request }) => mock.fetch(request))`).
 */
export async function createInProcessMock(
  overrides: Partial<MockOptions> = {},
  specPath?: string,
): Promise<InProcessMock> {
  const options = { ...defaultOptions(), ...overrides };
  const spec = await loadSpec(specPath ?? options.spec, { validate: false });
  const mock = await createMockApp(spec, options, PROFILES);
  return {
    ...mock,
    origin: ORIGIN,
    baseUrl: ORIGIN + mock.ctx.basePath,
    async fetch(input, init) {
      const request = new Request(
        typeof input === 'string' && input.startsWith('/') ? ORIGIN + input : input,
        init,
      );
      const url = new URL(request.url);
      const body = request.body ? Buffer.from(await request.arrayBuffer()) : undefined;
      const answer = await inject(mock.app, {
        method: request.method,
        url: url.pathname + url.search,
        headers: Object.fromEntries(request.headers),
        ...(body ? { payload: body } : {}),
      });
      const headers = new Headers();
      for (const [name, value] of Object.entries(answer.headers)) {
        if (value === undefined) continue;
        for (const one of Array.isArray(value) ? value : [value]) headers.append(name, String(one));
      }
      // A 204 or 304 carries no body in WHATWG fetch either.
      const empty = answer.statusCode === 204 || answer.statusCode === 304 || request.method === 'HEAD';
      return new Response(empty ? null : answer.rawPayload, { status: answer.statusCode, headers });
    },
  };
}

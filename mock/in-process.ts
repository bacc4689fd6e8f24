import { readFile } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { fetchHandler } from './adapters/fetch.ts';
import { createMockApp, type MockApp } from './create-mock-app.ts';
import { loadSpec } from './openapi/load-spec.ts';
import { defaultOptions, type GivenOptions } from './options.ts';
import type { Profile } from './profile.ts';
import type { StartOptions } from './start-mock.ts';

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
 * same core as the server (CORS, limits, auth, validation, the engine, the checked answer), with
 * no socket. For tests that need no port, and for request interception in Node (the MSW handlers).
 */
export async function createInProcessMock<const P extends readonly Profile[] = readonly []>(
  { profiles, seedCache, ...overrides }: StartOptions<P> = {},
  specPath?: string,
): Promise<InProcessMock> {
  // Quiet unless asked: a test run's output is the test runner's (MOCK_LOG's default is for a server).
  const options: GivenOptions = { ...defaultOptions(), log: 'off', ...overrides };
  const spec = await loadSpec(specPath ?? options.spec, { validate: false });
  const mock = await createMockApp(spec, options, profiles ?? [], undefined, seedCache);
  const answer = fetchHandler(mock.handle, {
    // Uploads stream to the data folder from a Node stream, as on the server.
    toStream: (body) => Readable.fromWeb(body as Parameters<typeof Readable.fromWeb>[0]),
    readFile: async (path) => new Uint8Array(await readFile(path)),
  });
  return {
    ...mock,
    origin: ORIGIN,
    baseUrl: ORIGIN + mock.ctx.basePath,
    fetch(input, init) {
      return answer(
        new Request(typeof input === 'string' && input.startsWith('/') ? ORIGIN + input : input, init),
      );
    },
  };
}

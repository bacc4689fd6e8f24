import { http, type RequestHandler } from 'msw';
import { createInProcessMock, type InProcessMock } from './in-process.ts';
import type { Profile } from './profile.ts';
import type { StartOptions } from './start-mock.ts';

export interface MockHandlers {
  /** MSW request handlers that answer every request under `origin` + the base path from the mock. */
  handlers: RequestHandler[];
  /** The mock behind them: its state (`mock.ctx.store`), `fetch` and `close()`. */
  mock: InProcessMock;
}

/**
 * MSW handlers served by the mock itself, in process: the same core, validation, seeds, state,
 * auth and `Prefer` controls as `npm start`, with no server to run. `origin` is where the frontend
 * sends its requests (its `VITE_API_BASE_URL` without the path), `http://localhost:3001` by default.
 *
 * ```ts
 * const { handlers, mock } = await createMockHandlers();
 * const server = setupServer(...handlers); // msw/node, in a Vitest setup file
 * ```
 */
export async function createMockHandlers<const P extends readonly Profile[] = readonly []>(
  options: StartOptions<P> & { origin?: string } = {},
  specPath?: string,
): Promise<MockHandlers> {
  const { origin = 'http://localhost:3001', ...mockOptions } = options;
  const mock = await createInProcessMock(mockOptions, specPath);
  const base = origin.replace(/\/$/, '') + mock.ctx.basePath;
  // The request as the page sent it: the core reads its path, and its Origin for CORS.
  const answer = ({ request }: { request: Request }) => mock.fetch(request);
  return { handlers: [http.all(base, answer), http.all(`${base}/*`, answer)], mock };
}

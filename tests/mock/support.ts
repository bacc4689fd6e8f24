import { afterAll } from 'vitest';
import { type ApiClient, createApiClient } from '../../client/client.ts';
import type { MockOptions } from '../../profiles/call-center/package.ts';
import { type RunningMock, startMock } from '../../profiles/call-center/package.ts';

/** The options every mock test starts from: a free port, quiet, unlimited, pinned seed day. */
export const TEST_OPTIONS: Partial<MockOptions> = {
  port: 0,
  log: 'off',
  rateLimit: 0,
  calls: 400,
  seedDate: '2026-11-01',
  callSpeed: 1,
};

export interface TestMock {
  mock: RunningMock;
  base: string;
  api: ApiClient;
  token: string;
  /** fetch against the mock's base URL, with the test user's token unless `auth: false`. */
  call(path: string, init?: RequestInit & { auth?: boolean | string }): Promise<Response>;
}

/** Starts a mock for one test file (closed after it) and logs in as the demo user. */
export async function useMock(overrides: Partial<MockOptions> = {}): Promise<TestMock> {
  const mock = await startMock({ ...TEST_OPTIONS, ...overrides });
  afterAll(() => mock.close());
  const api = createApiClient({ baseUrl: mock.baseUrl });
  const { data } = await api.POST('/auth/login', {
    body: { email: 'admin@example.com', password: 'admin123' },
  });
  const token = data?.token ?? '';
  api.setToken(token);
  return {
    mock,
    base: mock.baseUrl,
    api,
    token,
    call(path, init = {}) {
      const { auth = true, ...rest } = init;
      const headers = new Headers(rest.headers);
      if (auth !== false && !headers.has('authorization'))
        headers.set('authorization', `Bearer ${typeof auth === 'string' ? auth : token}`);
      if (typeof rest.body === 'string' && !headers.has('content-type'))
        headers.set('content-type', 'application/json');
      return fetch(mock.baseUrl + path, { ...rest, headers });
    },
  };
}

/** JSON body helper: POST/PUT with a JSON payload. */
export function json(method: string, body: unknown): RequestInit {
  return { method, body: JSON.stringify(body) };
}

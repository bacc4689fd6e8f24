import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiClient } from '../../client/client.ts';
import { createMockHandlers } from '../../profiles/call-center/msw.ts';
import { TEST_OPTIONS } from '../mock/support.ts';

// A frontend's component tests, as they would use the mock: MSW intercepts the typed client's
// requests to http://localhost:3001/api and the mock answers them in process. Nothing listens.

describe('MSW handlers served by the mock', async () => {
  const { handlers, mock } = await createMockHandlers({ ...TEST_OPTIONS, calls: 20 });
  const server = setupServer(...handlers);
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterAll(async () => {
    server.close();
    await mock.close();
  });

  it('logs the typed client in and keeps what it creates', async () => {
    const api = createApiClient({ baseUrl: 'http://localhost:3001/api' });
    const { data: login } = await api.POST('/auth/login', {
      body: { email: 'admin@example.com', password: 'admin123' },
    });
    expect(login?.token).toBeTruthy();
    api.setToken(login?.token ?? '');
    const { data: topic, response } = await api.POST('/topics', { body: { name: 'MSW mavzusi' } });
    expect(response.status).toBe(201);
    const { data: page } = await api.GET('/topics', { params: { query: { q: 'MSW', pageSize: 10 } } });
    expect(page?.items).toEqual([topic]);
  });

  it('answers as the server does: validation and auth problems, Prefer', async () => {
    const anonymous = await fetch('http://localhost:3001/api/qa');
    expect(anonymous.status).toBe(401);
    const forced = await fetch('http://localhost:3001/api/health', { headers: { prefer: 'code=500' } });
    expect(forced.status).toBe(500);
    expect(forced.headers.get('content-type')).toContain('application/problem+json');
  });
});

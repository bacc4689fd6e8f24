import { createApiClient } from 'ai-call-center-contract';
import { createInProcessMock } from 'ai-call-center-mock/in-process';
import { createMockHandlers } from 'ai-call-center-mock/msw';
import { setupServer } from 'msw/node';
import { expect, it } from 'vitest';

it('answers the typed client in process, through no port', async () => {
  const mock = await createInProcessMock({ log: 'off', auth: false });
  try {
    const api = createApiClient({ baseUrl: mock.baseUrl, fetch: mock.fetch });
    const { data } = await api.GET('/health');
    expect(data?.status).toBe('ok');
  } finally {
    await mock.close();
  }
});

it("answers the client's own requests through MSW handlers", async () => {
  const { handlers, mock } = await createMockHandlers({ log: 'off', auth: false });
  const server = setupServer(...handlers);
  server.listen({ onUnhandledRequest: 'error' });
  try {
    const api = createApiClient({ baseUrl: 'http://localhost:3001/api' });
    const { data } = await api.POST('/voip/call', { body: { targetNumber: '+998900000001' } });
    expect(data?.targetNumber).toBe('+998900000001');
  } finally {
    server.close();
    await mock.close();
  }
});

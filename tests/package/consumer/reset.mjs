// startMock from a plain Node script: a call placed, then reset() brings back the seeded calls.
import { createApiClient } from 'ai-call-center-contract';
import { startMock } from 'ai-call-center-mock';

const mock = await startMock({ port: 0, log: 'off', auth: false });
try {
  const calls = () => mock.ctx.store.collection('calls').size;
  const seeded = calls();
  const api = createApiClient({ baseUrl: mock.baseUrl });
  const { response } = await api.POST('/voip/call', { body: { targetNumber: '+998900000001' } });
  const placed = calls();
  await mock.reset();
  console.log(JSON.stringify({ status: response.status, seeded, placed, reset: calls() }));
} finally {
  await mock.close();
}

import { describe, expect, it, vi } from 'vitest';
import { callCenterProfile, createBrowserMockHandlers } from '../../profiles/call-center/browser.ts';

// The page's handlers come before the seed (MSW's worker registers while the page seeds): every
// request waits for the seeded state, and a seed that fails is answered as the contract's problem.

const options = { seed: 7, calls: 40, seedDate: '2026-11-01', auth: false, keepSeed: false };
const calls = (mock: { fetch(request: Request): Promise<Response> }) =>
  mock.fetch(new Request('http://page.local/api/voip/calls?pageSize=5'));

describe('the page seeds after it hands out its handlers', () => {
  it('answers a request sent before the seed has finished from the seeded state', async () => {
    const { mock } = await createBrowserMockHandlers(options);
    try {
      // Sent at once, before the seed's own task has run.
      const early = calls(mock);
      const body = (await (await early).json()) as { items: unknown[]; total: number };
      expect(body.total).toBe(40);
      expect(body.items).toHaveLength(5);
    } finally {
      await mock.close();
    }
  });

  it('answers every request with a problem naming the failure when the seed fails', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const broken = {
      ...callCenterProfile,
      seed: () => Promise.reject(new Error('the knowledge base is gone')),
    };
    const { mock } = await createBrowserMockHandlers({ ...options, profiles: [broken] });
    try {
      await expect(mock.seeded).rejects.toThrow('the knowledge base is gone');
      const response = await calls(mock);
      expect(response.status).toBe(500);
      expect(response.headers.get('content-type')).toBe('application/problem+json');
      expect(await response.json()).toMatchObject({
        status: 500,
        code: 'internal_error',
        detail: 'The mock in the page could not seed its state: the knowledge base is gone',
        instance: '/api/voip/calls',
      });
      expect(logged).toHaveBeenCalledWith(
        'the mock in the page could not seed its state: the knowledge base is gone',
      );
    } finally {
      await mock.close();
      logged.mockRestore();
    }
  });
});

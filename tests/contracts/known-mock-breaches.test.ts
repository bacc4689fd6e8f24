import { describe, expect, it } from 'vitest';
import { runContract } from '../../contracts/run-contract.ts';
import { KNOWN_MOCK_BREACHES } from './known-mock-breaches.ts';
import { startTestMock } from './support.ts';

// Each known breach of the mock, shown still there: when mock/ is fixed, this fails, asking to
// remove the breach and its stand-in from known-mock-breaches.ts.
describe.each(KNOWN_MOCK_BREACHES)('known mock breach $id', ({ id, check, description, only, seed }) => {
  it(`is still there: ${description}`, async () => {
    const mock = await startTestMock();
    try {
      const result = await runContract({ baseUrl: mock.baseUrl, only: [...only], seed });
      const found = result.failures.some((f) => f.check === check);
      expect(found, `${id} seems fixed in mock/: remove it from tests/contracts/known-mock-breaches.ts`).toBe(
        true,
      );
    } finally {
      await mock.close();
    }
  }, 60_000);
});

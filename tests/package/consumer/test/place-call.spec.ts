import { expect, inject, it } from 'vitest';
import { apiAt, placeCall } from '../src/api.js';

it('places a call on the mock started by the global setup', async () => {
  const call = await placeCall(apiAt(inject('baseUrl')), '+998900000001');
  expect(call?.targetNumber).toBe('+998900000001');
});

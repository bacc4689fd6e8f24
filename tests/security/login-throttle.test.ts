import { describe, expect, it } from 'vitest';
import type { Problem } from '../../profiles/call-center/models.ts';
import { useMock } from '../mock/support.ts';

// The spec's own limits (x-rate-limits), not the tests' usual MOCK_RATE_LIMIT=0.
const t = await useMock({ rateLimit: undefined });

const login = (password: string) =>
  fetch(`${t.base}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'admin@example.com', password }),
  });

describe('login is throttled against password guessing', () => {
  it('refuses the 11th attempt in a minute with 429 and Retry-After, even with the right password', async () => {
    // The setup's own login counts as the first attempt of the window.
    const statuses: number[] = [];
    for (let i = 0; i < 9; i++) statuses.push((await login(`guess-${i}`)).status);
    expect(statuses).toEqual(Array(9).fill(401));
    const refused = await login('admin123');
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(refused.headers.get('ratelimit-remaining')).toBe('0');
    expect(((await refused.json()) as Problem).code).toBe('rate_limited');
  });

  it('keeps the rest of the API open to a logged-in user meanwhile', async () => {
    expect((await t.call('/topics')).status).toBe(200);
  });
});

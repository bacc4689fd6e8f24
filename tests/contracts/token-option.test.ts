import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runContract } from '../../contracts/run-contract.ts';
import type { RunningMock } from '../../mock/start-mock.ts';
import { demoLogin } from '../../scripts/support/demo-login.ts';
import { startTestMock } from './support.ts';

// --token instead of credentials: everything runs with that token, and the check that must log in
// by itself says it was skipped instead of passing.
describe('--token', () => {
  let mock: RunningMock;
  beforeAll(async () => {
    mock = await startTestMock();
  });
  afterAll(() => mock?.close());

  it('runs with the given token and skips token_lifecycle', async () => {
    const token = await demoLogin(mock.baseUrl);
    const result = await runContract({
      baseUrl: mock.baseUrl,
      token,
      email: 'nobody@example.com',
      password: 'wrong',
      only: ['token_lifecycle', 'ignored_auth', 'auth', 'system'],
      seed: 1,
    });
    expect(result.failures).toEqual([]);
    expect(result.checks.find((c) => c.name === 'token_lifecycle')?.status).toBe('skipped');
    expect(result.checks.find((c) => c.name === 'ignored_auth')?.status).toBe('passed');
  });

  it('says in one sentence when the token is refused', async () => {
    const result = await runContract({ baseUrl: mock.baseUrl, token: 'not-a-jwt', seed: 1 });
    expect(result.fatal).toBe(
      'The backend refused the --token (401 token_invalid): log in again for a fresh one, or pass --email and --password.',
    );
  });

  it('says in one sentence when the login is refused', async () => {
    const result = await runContract({
      baseUrl: mock.baseUrl,
      email: 'admin@example.com',
      password: 'wrong',
      seed: 1,
    });
    expect(result.fatal).toBe(
      'Logging in as admin@example.com failed (the login answered 401 invalid_credentials): pass the right --email and --password, or --token.',
    );
  });
});

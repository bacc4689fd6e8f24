import { defaultOptions } from '../../mock/options.ts';

/** The demo login the mock starts with (MOCK_USER_EMAIL and MOCK_USER_PASSWORD unset). */
export const DEMO_CREDENTIALS = {
  email: defaultOptions().userEmail,
  password: defaultOptions().userPassword,
} as const;

/**
 * Logs in to a backend of this contract (`base` ends in `/api`) as the demo user and answers the
 * access token; throws with the answer when the login is refused. For the tests and the bench;
 * `send` is an in-process mock's fetch where no port is open.
 */
export async function demoLogin(base: string, send: typeof fetch = fetch): Promise<string> {
  const res = await send(`${base}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(DEMO_CREDENTIALS),
  });
  if (res.status !== 200) throw new Error(`login answered ${res.status}: ${await res.text()}`);
  return ((await res.json()) as { token: string }).token;
}

import type { Contract } from '../plan/load-contract.ts';
import type { HttpClient } from './http-client.ts';
import { login, type Session } from './session.ts';

export type Connected = { ok: true; session: Session } | { ok: false; fatal: string };

/**
 * Makes sure the backend answers HTTP at all, then logs in (or takes the given token). Every way
 * this can go wrong ends in one sentence that says what to do, never a stack trace.
 */
export async function connect(
  http: HttpClient,
  contract: Contract,
  credentials: { email: string; password: string; token: string | undefined },
): Promise<Connected> {
  const health = contract.byId.get('getHealth');
  const probe = health
    ? await http.call(health, { auth: 'none' })
    : await http.send({ method: 'GET', path: '/' });
  if (probe.error) return { ok: false, fatal: probe.error };
  const type = probe.response?.headers['content-type'] ?? '';
  if (health && probe.response?.status === 404 && !/json/.test(type))
    return {
      ok: false,
      fatal: `${http.options.baseUrl} answers 404 for ${health.path}: is the base URL missing its /api prefix?`,
    };
  const session: Session = {
    email: credentials.email,
    password: credentials.password,
    canLogin: credentials.token === undefined,
    token: credentials.token ?? '',
    login: (client) => login(client, contract, credentials.email, credentials.password),
  };
  if (credentials.token === undefined) {
    const result = await session.login(http);
    if (!result.ok)
      return {
        ok: false,
        fatal: `Logging in as ${credentials.email} failed (${result.reason}): pass the right --email and --password, or --token.`,
      };
    session.token = result.pair.token;
  } else {
    // A refused token would turn every check into a wall of 401s: say so once instead.
    const me = contract.byId.get('getCurrentUser');
    const check = me
      ? await http.call(me, { auth: { authorization: `Bearer ${credentials.token}` } })
      : undefined;
    const code = (check?.response?.json as { code?: string } | undefined)?.code;
    if (check?.response?.status === 401)
      return {
        ok: false,
        fatal: `The backend refused the --token (401${code ? ` ${code}` : ''}): log in again for a fresh one, or pass --email and --password.`,
      };
  }
  http.setToken(session.token);
  return { ok: true, session };
}

import { AUTH_OPERATIONS } from '../plan/auth-operations.ts';
import type { Contract } from '../plan/load-contract.ts';
import type { Exchange } from '../types.ts';
import type { HttpClient } from './http-client.ts';
import { login, type Session } from './session.ts';

export type Connected =
  /** `login`: the run's login, whose answer states its tokens' lifetime (token_expiry reads it). */
  { ok: true; session: Session; notes: string[]; login?: Exchange } | { ok: false; fatal: string };

/**
 * Makes sure the backend answers HTTP at all and at the right base URL, then logs in (or takes the
 * given token, or goes on without one when the spec has no login). Every way this can go wrong
 * ends in one sentence that says what to do, never a stack trace.
 */
export async function connect(
  http: HttpClient,
  contract: Contract,
  credentials: { email: string | undefined; password: string | undefined; token: string | undefined },
): Promise<Connected> {
  const base = http.options.baseUrl;
  const health = contract.byId.get(AUTH_OPERATIONS.health);
  const send = () => (health ? http.call(health, { auth: 'none' }) : http.send({ method: 'GET', path: '/' }));
  // The probe judges nothing, so one transport failure is tried again: a connection the client
  // kept alive may be closed by the server as it is reused (Node closes idle ones after 5 s).
  let probe = await send();
  if (probe.error?.includes('closed the connection without answering') && !http.stopped) probe = await send();
  if (probe.error) return { ok: false, fatal: probe.error };
  if (health && probe.response?.status === 404)
    return { ok: false, fatal: await wrongBase(http, health.path) };
  const loginOp = contract.byId.get(AUTH_OPERATIONS.login);
  const notes: string[] = [];
  let loggedIn: Exchange | undefined;
  // `--header 'Authorization: Bearer …'` is the run's credential as much as --token is.
  const fromHeader = Object.entries(http.options.headers ?? {}).find(
    ([name]) => name.toLowerCase() === 'authorization',
  )?.[1];
  const bearer = /^Bearer\s+(\S+)$/i.exec(fromHeader ?? '')?.[1];
  credentials = { ...credentials, token: credentials.token ?? bearer };
  const email = credentials.email;
  const password = credentials.password;
  const loginWith = email !== undefined && password !== undefined ? { email, password } : undefined;
  const session: Session = {
    email: email ?? '',
    password: password ?? '',
    canLogin: credentials.token === undefined && loginOp !== undefined && loginWith !== undefined,
    token: credentials.token ?? '',
    login: (client) => login(client, contract, email ?? '', password ?? ''),
  };
  if (credentials.token === undefined && loginOp && !loginWith && fromHeader === undefined) {
    notes.push(
      'The spec has a login operation, but the run has no --email and --password (and no profile brings a demo login) nor --token: requests go without a credential, and token_lifecycle is skipped.',
    );
  } else if (credentials.token === undefined && loginOp && loginWith) {
    const result = await session.login(http);
    if (!result.ok)
      return { ok: false, fatal: loginFailed(base, result.exchange, result.reason, loginWith.email) };
    session.token = result.pair.token;
    loggedIn = result.exchange;
  } else if (credentials.token === undefined && fromHeader !== undefined) {
    notes.push(
      'The spec has no login operation: requests carry the credential given with --header Authorization (left out where a check sends none).',
    );
  } else if (credentials.token === undefined) {
    notes.push(
      'The spec has no login operation and no --token or --header Authorization was given: requests go without a credential (add one if the backend needs it).',
    );
  } else {
    // A refused token would turn every check into a wall of 401s: say so once instead.
    const me = contract.byId.get(AUTH_OPERATIONS.currentUser);
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
  http.setToken(session.token || undefined);
  return { ok: true, session, notes, ...(loggedIn ? { login: loggedIn } : {}) };
}

/**
 * The sentence for a 404 on the health operation: the base and the base plus `/api` are probed so
 * that the message names the URL that works, when one does.
 */
async function wrongBase(http: HttpClient, healthPath: string): Promise<string> {
  const base = http.options.baseUrl.replace(/\/$/, '');
  const origin = new URL(base).origin;
  const candidates = [`${base}/api`, `${origin}/api`, origin].filter(
    (c, i, all) => c !== base && all.indexOf(c) === i,
  );
  for (const candidate of candidates) {
    const probe = await http.send({ method: 'GET', path: '', absolute: `${candidate}${healthPath}` });
    if (probe.response && probe.response.status < 300)
      return `${base} answers 404 for ${healthPath}, but ${candidate}${healthPath} answers ${probe.response.status}: run with --base-url ${candidate}`;
  }
  return `${base} answers 404 for ${healthPath} (the spec's health check), and so do ${candidates.join(', ')}: is --base-url the API's base URL, prefix included?`;
}

function loginFailed(base: string, exchange: Exchange, reason: string, email: string): string {
  const status = exchange.response?.status;
  if (status === 404 || status === 405)
    return `There is no login at ${exchange.request.method} ${exchange.request.url} (${status}): check --base-url (${base}), or pass --token.`;
  if (status === 400 || status === 401 || status === 403)
    return `Logging in as ${email} failed (${reason}): pass the right --email and --password, or --token.`;
  return `Logging in as ${email} failed (${reason}): the login operation did not answer a token; pass --token to go on without it.`;
}

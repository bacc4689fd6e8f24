import { AUTH_OPERATIONS } from '../plan/auth-operations.ts';
import type { Contract } from '../plan/load-contract.ts';
import { operation } from '../plan/load-contract.ts';
import type { Exchange } from '../types.ts';
import type { HttpClient } from './http-client.ts';

/**
 * What a login answers, as the auth convention reads it: the access token every request sends,
 * the refresh token and the lifetimes x-auth states (fields a backend leaves out read as absent).
 */
export interface TokenPair {
  token: string;
  refreshToken?: string;
  expiresIn?: number;
  refreshExpiresIn?: number;
}

export type LoginResult =
  | { ok: true; pair: TokenPair; exchange: Exchange }
  | { ok: false; reason: string; exchange: Exchange };

/** The run's credentials: the access token every request sends, and a way to log in again. */
export interface Session {
  email: string;
  password: string;
  /** False when the run was given only --token: checks that need fresh logins are skipped. */
  canLogin: boolean;
  token: string;
  login(http: HttpClient): Promise<LoginResult>;
}

/** Logs in through the spec's `login` operation. */
export async function login(
  http: HttpClient,
  contract: Contract,
  email: string,
  password: string,
): Promise<LoginResult> {
  const exchange = await http.call(operation(contract, AUTH_OPERATIONS.login), {
    json: { email, password },
    auth: 'none',
  });
  const res = exchange.response;
  const pair = res?.json as TokenPair | undefined;
  if (res?.status === 200 && typeof pair?.token === 'string') return { ok: true, pair, exchange };
  const code = (res?.json as { code?: string } | undefined)?.code;
  const reason = exchange.error ?? `the login answered ${res?.status}${code ? ` ${code}` : ''}`;
  return { ok: false, reason, exchange };
}

// The types of token_expiry's clock, apart from the code that starts it: the checks' context holds a
// clock, and the code that starts one reads that context (a loop for the reader otherwise).
import type { Exchange } from '../types.ts';
import type { EventSocket } from './event-socket.ts';
import type { TokenPair } from './session.ts';

/** How long an access token lives, as its issuer said it, and where that was read. */
export interface StatedLifetime {
  seconds: number;
  /** `expiresIn` (or the field x-auth names), or `exp - iat` of the JWT. */
  from: string;
}

/**
 * An access token the run waits out for token_expiry: the login that issued it (or none, for a
 * token given with --expired-token), when it is expired for sure, and an events socket opened with
 * it while it was still valid, to see the server close it when the token runs out.
 */
export interface ExpiryClock {
  token: string;
  login?: { pair: TokenPair; exchange: Exchange };
  lifetime?: StatedLifetime;
  /** Epoch ms from which the token is past its lifetime on any server (a second's rounding included). */
  expiredAtMs: number;
  socket?: EventSocket;
}

/** Where token_expiry stands before the checks run: a clock to wait out, or why there is none. */
export type ExpiryStart = { ok: true; clock: ExpiryClock } | { ok: false; reason: string };

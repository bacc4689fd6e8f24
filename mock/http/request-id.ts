const SAFE_ID = /^[\w.:-]{1,128}$/;

/** The id of a request: the client's `X-Request-Id` when it is sane, else a new UUID. */
export function requestIdOf(given: unknown): string {
  return typeof given === 'string' && SAFE_ID.test(given) ? given : crypto.randomUUID();
}

/**
 * The close codes of asyncapi.yaml's "Close codes" table, in one place. Browsers hide the HTTP
 * status of a refused handshake but show close codes, which is why every refusal is one of these.
 * tests/realtime checks that the table in asyncapi.yaml still lists each of them.
 */
export const CLOSE = {
  /** The server is shutting down. */
  goingAway: 1001,
  /** The client read too slowly and its send buffer overflowed; reconnect and refetch. */
  tryAgainLater: 1013,
  /** Authentication failed; the reason is the problem code (`token_expired`, ...). */
  unauthorized: 4401,
} as const;

/** Close reasons, short because a close frame's reason holds at most 123 bytes. */
export const CLOSE_REASON = {
  goingAway: 'server shutting down',
  tryAgainLater: 'send buffer overflowed',
} as const;

import type { Logger } from 'pino';
import type { CoreRequest } from './exchange.ts';

/** The path and query of a request, with any `token` query value masked: URLs end up in logs. */
export function redactedUrl(url: string): string {
  return url.replace(/([?&]token=)[^&]*/gi, '$1***');
}

/**
 * One line per request: method, path, status and milliseconds, at info (warn for 4xx, error for
 * 5xx), with the request id as a field. Written by the core, so every adapter logs alike.
 */
export function logRequest(
  logger: Logger,
  req: CoreRequest,
  status: number,
  ms: number,
  requestId: string,
): void {
  const level = status >= 500 ? 'error' : status >= 400 ? 'warn' : 'info';
  logger[level]({ requestId }, `${req.method} ${redactedUrl(req.url)} ${status} ${Math.round(ms)}ms`);
}

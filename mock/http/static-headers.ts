import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestHandler } from 'express';

/**
 * Runs a middleware that only sets fixed headers (helmet, as configured here) once, and answers a
 * middleware that sets the same headers on every response. Helmet's dozen small middlewares cost a
 * tenth of the CPU of a read under load (profiled); the headers they set never depend on the request.
 */
export function staticHeaders(middleware: RequestHandler): RequestHandler {
  const set = new Map<string, string | number | readonly string[]>();
  const removed = new Set<string>();
  const recorder = {
    setHeader(name: string, value: string | number | readonly string[]) {
      set.set(name, value);
      removed.delete(name.toLowerCase());
      return recorder;
    },
    removeHeader(name: string) {
      set.delete(name);
      removed.add(name.toLowerCase());
    },
    getHeader: (name: string) => set.get(name),
  };
  let called = false;
  (middleware as (req: unknown, res: unknown, next: (err?: unknown) => void) => void)(
    { method: 'GET', url: '/', headers: {} } as IncomingMessage,
    recorder as unknown as ServerResponse,
    (err) => {
      if (err) throw err;
      called = true;
    },
  );
  if (!called) throw new Error('staticHeaders: the middleware did not finish synchronously');
  const headers = [...set];
  return (_req, res, next) => {
    for (const [name, value] of headers) res.setHeader(name, value);
    for (const name of removed) res.removeHeader(name);
    next();
  };
}

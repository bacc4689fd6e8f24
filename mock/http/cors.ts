import cors from 'cors';
import type { Request, RequestHandler } from 'express';
import type { CorsPolicy } from '../../spec/extensions.ts';
import type { MockOptions } from '../options.ts';

// Development servers move ports (Vite takes 5174 when 5173 is busy), so by default any port of a
// loopback host is a development origin. Only a browser on this machine can send one.
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);
// Each refused origin is named once; past this many, a flood of made-up origins logs no more.
const MAX_WARNED = 100;

/** Whether an `Origin` is a page of this machine: http(s) on localhost, 127.0.0.1 or [::1]. */
export function isLoopbackOrigin(origin: string): boolean {
  try {
    const url = new URL(origin);
    return (url.protocol === 'http:' || url.protocol === 'https:') && LOOPBACK_HOSTS.has(url.hostname);
  } catch {
    return false;
  }
}

/**
 * The CORS policy of the spec's `x-cors`, with the `cors` package. An allowed origin is echoed
 * (never `*`) with `Vary: Origin`; any other origin gets no CORS header at all, so the browser
 * blocks it, and the mock says so once per origin through `warn`, naming the origin and the
 * variable that allows it: the browser's console is the only other place that tells.
 *
 * Allowed: with `corsStrict`, exactly `corsOrigins` (CORS_ORIGINS, production) or else the spec's
 * list; by default also any loopback origin at any port, and both lists.
 */
export function corsPolicy(
  policy: CorsPolicy,
  options: Pick<MockOptions, 'corsOrigins' | 'corsStrict'>,
  warn: (message: string) => void = () => {},
): RequestHandler {
  const listed = options.corsStrict
    ? new Set(options.corsOrigins ?? policy.allowedOrigins)
    : new Set([...policy.allowedOrigins, ...(options.corsOrigins ?? [])]);
  const allowed = (origin: string) => listed.has(origin) || (!options.corsStrict && isLoopbackOrigin(origin));
  const answer = cors({
    origin: true,
    methods: policy.allowedMethods,
    allowedHeaders: policy.allowedHeaders,
    exposedHeaders: policy.exposedHeaders,
    credentials: policy.allowCredentials,
    maxAge: policy.maxAgeSeconds,
    optionsSuccessStatus: 204,
  });
  const warned = new Set<string>();
  const variable = policy.productionOriginsEnv || 'CORS_ORIGINS';
  return (req, res, next) => {
    const origin = req.headers.origin;
    if (origin === undefined) return next();
    if (allowed(origin)) return answer(req, res, next);
    if (!warned.has(origin) && warned.size < MAX_WARNED && !isSameOrigin(req, origin)) {
      warned.add(origin);
      warn(
        `CORS: refused the origin ${origin} (no CORS headers, so the browser blocks its requests). ` +
          `To allow it, add it to ${variable} (comma-separated), e.g. ${variable}=${origin}` +
          (options.corsStrict ? ' (CORS_STRICT is on: only that list is allowed).' : '.'),
      );
    }
    next();
  };
}

/** A page of the mock itself (the docs) sends its own origin on a POST; CORS does not apply. */
function isSameOrigin(req: Request, origin: string): boolean {
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}

import type { CorsPolicy } from '../openapi/extensions.ts';
import type { MockOptions } from '../options.ts';

/**
 * What CORS adds to one request: headers for its answer, or the whole answer of a preflight. The
 * lists are shared between requests of one origin: read them, never change them.
 */
export type CorsDecision =
  | { kind: 'none' }
  | { kind: 'headers'; headers: readonly (readonly [string, string])[] }
  | { kind: 'preflight'; headers: readonly (readonly [string, string])[] };

const NONE: CorsDecision = { kind: 'none' };

interface OriginDecisions {
  headers: CorsDecision;
  preflight: CorsDecision;
}

// Development servers move ports (Vite takes 5174 when 5173 is busy), so by default any port of a
// loopback host is a development origin. Only a browser on this machine can send one.
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Whether an `Origin` is a page of this machine: http(s) on localhost, 127.0.0.1 or [::1]. */
export function isLoopbackOrigin(origin: string): boolean {
  try {
    const url = new URL(origin);
    return (url.protocol === 'http:' || url.protocol === 'https:') && LOOPBACK_HOSTS.has(url.hostname);
  } catch {
    return false;
  }
}

// Each refused origin is named once; past this many, a flood of made-up origins logs no more.
const MAX_WARNED = 100;
const MAX_REMEMBERED = 100;

/**
 * The CORS policy of the spec's `x-cors` as a function of a request's method and headers, for any
 * transport. An allowed origin is echoed (never `*`) with `Vary: Origin`, an OPTIONS request with
 * an allowed origin is answered as a preflight (204), and any other origin gets no CORS header at
 * all, so the browser blocks it, named once through `warn` with the variable that allows it. The
 * headers are those the `cors` package writes for the same policy; it is not used here because it
 * is an Express middleware over Node's request and response, and the core has neither.
 *
 * Allowed: with `corsStrict`, exactly `corsOrigins` (CORS_ORIGINS, production) or else the spec's
 * list; by default also any loopback origin at any port, and both lists.
 */
export function corsPolicy(
  policy: CorsPolicy,
  options: Pick<MockOptions, 'corsOrigins' | 'corsStrict'>,
  warn: (message: string) => void = () => {},
): (method: string, headers: Record<string, string | string[] | undefined>) => CorsDecision {
  const listed = options.corsStrict
    ? new Set(options.corsOrigins ?? policy.allowedOrigins)
    : new Set([...policy.allowedOrigins, ...(options.corsOrigins ?? [])]);
  const allowed = (origin: string) => listed.has(origin) || (!options.corsStrict && isLoopbackOrigin(origin));
  const shared: [string, string][] = policy.allowCredentials
    ? [['Access-Control-Allow-Credentials', 'true']]
    : [];
  // The contract's exposed headers, and the mock's own X-Mock-Problem: the refusal a contract that
  // documents none is answered with a success for (mock/routes/answer-operation.ts), which a page
  // could not read otherwise.
  const exposed: [string, string][] = [
    ['Access-Control-Expose-Headers', [...policy.exposedHeaders, 'X-Mock-Problem'].join(',')],
  ];
  const preflight: [string, string][] = [
    ['Access-Control-Allow-Methods', policy.allowedMethods.join(',')],
    ...(policy.allowedHeaders.length
      ? [['Access-Control-Allow-Headers', policy.allowedHeaders.join(',')] as [string, string]]
      : []),
    ...(policy.maxAgeSeconds !== undefined
      ? [['Access-Control-Max-Age', String(policy.maxAgeSeconds)] as [string, string]]
      : []),
  ];
  const warned = new Set<string>();
  const variable = policy.productionOriginsEnv || 'CORS_ORIGINS';
  // An allowed origin's two decisions, made once: a page sends the same origin on every request.
  const decided = new Map<string, OriginDecisions>();
  const decide = (origin: string): OriginDecisions => {
    const base: [string, string][] = [['Access-Control-Allow-Origin', origin], ['Vary', 'Origin'], ...shared];
    return {
      headers: { kind: 'headers', headers: [...base, ...exposed] },
      preflight: { kind: 'preflight', headers: [...base, ...preflight, ...exposed] },
    };
  };
  return (method, headers) => {
    const origin = headers.origin;
    if (typeof origin !== 'string') return NONE;
    let known = decided.get(origin);
    if (!known && allowed(origin)) {
      known = decide(origin);
      // Bounded like the warnings: a flood of made-up loopback origins is decided afresh.
      if (decided.size < MAX_REMEMBERED) decided.set(origin, known);
    }
    if (known) return method === 'OPTIONS' ? known.preflight : known.headers;
    if (!warned.has(origin) && warned.size < MAX_WARNED && !isSameOrigin(origin, headers.host)) {
      warned.add(origin);
      warn(
        `CORS: refused the origin ${origin} (no CORS headers, so the browser blocks its requests). ` +
          `To allow it, add it to ${variable} (comma-separated), e.g. ${variable}=${origin}` +
          (options.corsStrict ? ' (CORS_STRICT is on: only that list is allowed).' : '.'),
      );
    }
    return NONE;
  };
}

/** A page of the mock itself (the docs) sends its own origin on a POST; CORS does not apply. */
function isSameOrigin(origin: string, host: string | string[] | undefined): boolean {
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

import helmet from 'helmet';

/** A connect-style middleware that only sets headers (helmet, as configured here). */
type HeaderMiddleware = (req: unknown, res: unknown, next: (err?: unknown) => void) => void;

/**
 * The headers a header-only middleware sets, recorded once: helmet's dozen small middlewares cost
 * a tenth of the CPU of a read under load (profiled), and the headers they set never depend on the
 * request. The core then writes the recorded list on every answer, in any transport.
 */
export function recordHeaders(middleware: HeaderMiddleware): [string, string][] {
  const set = new Map<string, string>();
  const recorder = {
    setHeader(name: string, value: string | number | readonly string[]) {
      set.set(name, String(value));
      return recorder;
    },
    removeHeader(name: string) {
      set.delete(name);
    },
    getHeader: (name: string) => set.get(name),
  };
  let called = false;
  middleware({ method: 'GET', url: '/', headers: {} }, recorder, (err) => {
    if (err) throw err;
    called = true;
  });
  if (!called) throw new Error('recordHeaders: the middleware did not finish synchronously');
  return [...set];
}

/**
 * The headers of an API answer (JSON, problems, audio), as the OWASP REST Security cheat sheet
 * lists them: a JSON answer is never a document, so it needs no script or style policy, only
 * "render nothing, frame nowhere, do not sniff". Helmet's full set is for HTML pages (see
 * DOCUMENT_SECURITY_HEADERS) and would add about 700 bytes to every answer for nothing.
 * Audio plays in an <audio> of the frontend's origin, hence the cross-origin resource policy; the
 * mock serves plain HTTP on a developer's machine, so nothing is pinned to HTTPS.
 */
export const API_SECURITY_HEADERS: [string, string][] = recordHeaders(
  helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
    },
    crossOriginResourcePolicy: { policy: 'cross-origin' },
    crossOriginOpenerPolicy: false,
    originAgentCluster: false,
    referrerPolicy: { policy: 'no-referrer' },
    strictTransportSecurity: false,
    xDnsPrefetchControl: false,
    xDownloadOptions: false,
    xFrameOptions: { action: 'deny' },
    xPermittedCrossDomainPolicies: false,
    xXssProtection: false,
  }) as HeaderMiddleware,
);

/**
 * Helmet's defaults for the pages a browser renders (the Swagger UI docs): a same-origin script
 * and style policy, under which the docs page loads every asset. Nothing is upgraded to HTTPS.
 */
export const DOCUMENT_SECURITY_HEADERS: [string, string][] = recordHeaders(
  helmet({
    crossOriginResourcePolicy: { policy: 'cross-origin' },
    // connect-src said outright: the docs' "Try it out" reaches this origin and no other.
    contentSecurityPolicy: { directives: { connectSrc: ["'self'"], upgradeInsecureRequests: null } },
    strictTransportSecurity: false,
  }) as HeaderMiddleware,
);

import type { RequestHandler } from 'express';
import helmet from 'helmet';
import { staticHeaders } from './static-headers.ts';

/**
 * The headers of an API answer (JSON, problems, audio), as the OWASP REST Security cheat sheet
 * lists them: a JSON answer is never a document, so it needs no script or style policy, only
 * "render nothing, frame nowhere, do not sniff". Helmet's full set is for HTML pages (see
 * documentSecurityHeaders) and would add about 700 bytes to every answer for nothing.
 * Audio plays in an <audio> of the frontend's origin, hence the cross-origin resource policy; the
 * mock serves plain HTTP on a developer's machine, so nothing is pinned to HTTPS.
 */
export const apiSecurityHeaders: RequestHandler = staticHeaders(
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
  }),
);

/**
 * Helmet's defaults for the pages a browser renders (the Swagger UI docs): a same-origin script
 * and style policy, under which the docs page loads every asset. Nothing is upgraded to HTTPS.
 */
export const documentSecurityHeaders: RequestHandler = staticHeaders(
  helmet({
    crossOriginResourcePolicy: { policy: 'cross-origin' },
    // connect-src said outright: the docs' "Try it out" reaches this origin and no other.
    contentSecurityPolicy: { directives: { connectSrc: ["'self'"], upgradeInsecureRequests: null } },
    strictTransportSecurity: false,
  }),
);

import type { AccessClaims } from '../auth/tokens.ts';

// What the mock's stages attach to a request on its way through the pipeline.
declare global {
  namespace Express {
    interface Request {
      /** The verified access token, set by the authentication stage. */
      accessClaims?: AccessClaims;
    }
  }
}

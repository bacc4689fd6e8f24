import cors from 'cors';
import type { RequestHandler } from 'express';
import type { CorsPolicy } from '../../spec/extensions.ts';

/**
 * The CORS policy exactly as the spec's `x-cors` declares it, with the `cors` package. An allowed
 * origin is echoed (never `*`) with `Vary: Origin`; any other origin gets no CORS header at all, so
 * the browser blocks it. `origins` replaces the spec's development list (CORS_ORIGINS).
 */
export function corsPolicy(policy: CorsPolicy, origins: string[] | undefined): RequestHandler {
  const allowed = new Set(origins ?? policy.allowedOrigins);
  return cors({
    origin: (origin, done) => done(null, origin !== undefined && allowed.has(origin)),
    methods: policy.allowedMethods,
    allowedHeaders: policy.allowedHeaders,
    exposedHeaders: policy.exposedHeaders,
    credentials: policy.allowCredentials,
    maxAge: policy.maxAgeSeconds,
    optionsSuccessStatus: 204,
  });
}

import type { RequestHandler } from 'express';
import { rateLimit } from 'express-rate-limit';
import type { RateLimits } from '../../spec/extensions.ts';
import { HttpProblem } from './problem.ts';

/**
 * One express-rate-limit limiter per policy of the spec's `x-rate-limits`, each counting its own
 * requests per client IP, with the draft-6 `RateLimit-*` headers on every answer. `override` (the
 * MOCK_RATE_LIMIT option) replaces the default policy's limit; 0 turns every limiter off.
 */
export function rateLimiters(
  limits: RateLimits | undefined,
  override: number | undefined,
): Map<string, RequestHandler> {
  const limiters = new Map<string, RequestHandler>();
  if (override === 0 || !limits) return limiters;
  for (const [name, policy] of Object.entries(limits.policies)) {
    const limit = name === limits.defaultPolicy && override !== undefined ? override : policy.limit;
    limiters.set(
      name,
      rateLimit({
        windowMs: policy.windowSeconds * 1000,
        limit,
        standardHeaders: limits.headers,
        legacyHeaders: false,
        identifier: `${limit};w=${policy.windowSeconds}`,
        handler: (req, _res, next) => {
          const reset = (req as { rateLimit?: { resetTime?: Date } }).rateLimit?.resetTime;
          const resetMs = reset ? reset.getTime() - Date.now() : policy.windowSeconds * 1000;
          const retryAfter = Math.max(1, Math.ceil(resetMs / 1000));
          next(
            new HttpProblem(
              'rate_limited',
              `${limit} requests a ${policy.windowSeconds === 60 ? 'minute' : `${policy.windowSeconds} s window`} are allowed for this operation. Try again in ${retryAfter} seconds.`,
              {
                headers: { 'Retry-After': String(retryAfter) },
              },
            ),
          );
        },
      }),
    );
  }
  return limiters;
}

import RateLimiterMemory from 'rate-limiter-flexible/lib/RateLimiterMemory.js';
import type { RateLimits } from '../../spec/extensions.ts';
import { HttpProblem } from '../http/problem.ts';

/** Counts one request of a client under the operation's policy: its RateLimit headers, or a 429. */
export type RateLimitStep = (client: string) => Promise<[string, string][]>;

interface Counted {
  remainingPoints: number;
  msBeforeNext: number;
}

/**
 * One limiter per policy of the spec's `x-rate-limits` (rate-limiter-flexible's memory limiter,
 * which knows no transport, so the same limits hold in every adapter), each counting its own
 * requests per client within a fixed window, with the draft-6 `RateLimit-*` headers on every
 * answer and a 429 problem with `Retry-After` past the limit. `override` (MOCK_RATE_LIMIT)
 * replaces the default policy's limit; 0 turns every limit off.
 */
export function rateLimiters(
  limits: RateLimits | undefined,
  override: number | undefined,
): Map<string, RateLimitStep> {
  const steps = new Map<string, RateLimitStep>();
  if (override === 0 || !limits) return steps;
  for (const [name, policy] of Object.entries(limits.policies)) {
    const limit = name === limits.defaultPolicy && override !== undefined ? override : policy.limit;
    const window = policy.windowSeconds;
    const limiter = new RateLimiterMemory({ points: limit, duration: window, keyPrefix: name });
    const headers = (counted: Counted): [string, string][] => {
      const reset = Math.max(1, Math.ceil(counted.msBeforeNext / 1000));
      return limits.headers
        ? [
            ['RateLimit-Policy', `${limit};w=${window}`],
            ['RateLimit-Limit', String(limit)],
            ['RateLimit-Remaining', String(counted.remainingPoints)],
            ['RateLimit-Reset', String(reset)],
          ]
        : [];
    };
    steps.set(name, async (client) => {
      try {
        return headers(await limiter.consume(client));
      } catch (refused) {
        const counted = refused as Counted;
        const retryAfter = Math.max(1, Math.ceil(counted.msBeforeNext / 1000));
        throw new HttpProblem(
          'rate_limited',
          `${limit} requests a ${window === 60 ? 'minute' : `${window} s window`} are allowed for this operation. Try again in ${retryAfter} seconds.`,
          { headers: { ...Object.fromEntries(headers(counted)), 'Retry-After': String(retryAfter) } },
        );
      }
    });
  }
  return steps;
}

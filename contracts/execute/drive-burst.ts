import type { SpecOperation } from '../../mock/openapi/operations.ts';
import type { CheckContext } from '../check-context.ts';
import { AUTH_OPERATIONS } from '../plan/auth-operations.ts';
import type { Exchange } from '../types.ts';

/** What the rate_limit check judges of a burst: the operation, its policy, and the burst's last answer. */
export interface BurstRecord {
  op?: SpecOperation;
  policy?: { limit: number; windowSeconds: number };
  last?: Exchange;
}

/**
 * With --rate-limit-burst, exhausts the login's policy (the smallest, x-rate-limit: login) with
 * failed logins, which change nothing, stopping at the first 429. Sends nothing otherwise.
 */
export async function driveBurst(
  ctx: Pick<CheckContext, 'contract' | 'http' | 'settings'>,
): Promise<BurstRecord> {
  const { rateLimits } = ctx.contract.extensions;
  if (!rateLimits || !ctx.settings.rateLimitBurst) return {};
  const op = ctx.contract.operations.find(
    (o) => o.operationId === AUTH_OPERATIONS.login && o.rateLimitPolicy,
  );
  const policy = op?.rateLimitPolicy ? rateLimits.policies[op.rateLimitPolicy] : undefined;
  if (!op || !policy) return {};
  let last: Exchange | undefined;
  for (let i = 0; i <= policy.limit; i++) {
    last = await ctx.http.call(op, {
      json: { email: 'rate-limit-probe@example.com', password: 'not-the-password' },
      auth: 'none',
      retryRateLimited: false,
      description: `failed login ${i + 1} of a burst of ${policy.limit + 1}`,
    });
    if (last.response?.status === 429) break;
  }
  return { op, policy, ...(last ? { last } : {}) };
}

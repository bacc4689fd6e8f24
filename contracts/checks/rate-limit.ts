import type { JudgeContext } from '../check-context.ts';
import { type BurstRecord, driveBurst } from '../execute/drive-burst.ts';
import { operation } from '../plan/load-contract.ts';
import { documentedResponse, operationPointer, specPointer } from '../plan/spec-pointer.ts';
import type { Exchange } from '../types.ts';
import { answered, describeResponse, requestLine } from './describe.ts';
import type { Check } from './types.ts';

const HEADERS = ['ratelimit-limit', 'ratelimit-remaining', 'ratelimit-reset', 'ratelimit-policy'];

/**
 * Every answer of a rate-limited operation carries the draft-6 RateLimit headers, consistent with
 * each other and with the policy the operation names in `x-rate-limit` (window from the spec);
 * with --rate-limit-burst, the smallest policy is exhausted with failed logins and must answer 429
 * with Retry-After.
 */
export const rateLimit: Check<BurstRecord> = {
  name: 'rate_limit',
  catches:
    "Missing or inconsistent RateLimit-* headers (Remaining above Limit, a Reset beyond the window, a Policy that names another window, a Limit that is not the named policy's), and with --rate-limit-burst a limit that never answers 429 with Retry-After.",
  mutates: false,
  skipReason: (ctx) =>
    ctx.contract.extensions.rateLimits ? undefined : 'the spec declares no x-rate-limits policies',
  drive: driveBurst,
  judge(ctx, burst) {
    const { rateLimits } = ctx.contract.extensions;
    if (!rateLimits) return;
    const seen = new Set<string>();
    // The headers are judged on the run's other answers; the burst's are judged as a burst.
    const limited = answered(ctx.exchanges().filter((e) => e.by !== 'rate_limit')).filter((e) => {
      const op = operation(ctx.contract, e.operationId);
      return (op.rateLimitPolicy ?? rateLimits.defaultPolicy) !== 'none' && e.response.status !== 429;
    });
    // Not one answer with the headers: most likely limits switched off. One failure, with the way out.
    if (limited.length > 0 && limited.every((e) => e.response.headers['ratelimit-limit'] === undefined)) {
      const first = limited[0];
      for (const e of limited) ctx.judged(e.operationId);
      ctx.note(
        'rate_limit: no answer carried RateLimit-* headers: if the backend runs with its limits off on purpose, pass --skip rate_limit.',
      );
      return ctx.fail({
        operationId: undefined,
        title: 'No RateLimit headers on any answer',
        message: `None of the ${limited.length} answers of rate-limited operations carried RateLimit-Limit, -Remaining, -Reset or -Policy: are the backend's rate limits off? (If on purpose, pass --skip rate_limit.)`,
        expected:
          'RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset and RateLimit-Policy on every limited answer',
        actual: `no RateLimit-* header on ${limited.length} answers`,
        specPointer: specPointer('x-rate-limits'),
        ...(first ? { exchange: first } : {}),
      });
    }
    for (const exchange of limited) {
      const op = operation(ctx.contract, exchange.operationId);
      const policyName = op.rateLimitPolicy ?? rateLimits.defaultPolicy;
      const policy = rateLimits.policies[policyName];
      if (!policy) continue;
      // Judged where the spec documents the headers (every answer of a limited operation).
      if (!documentedResponse(op, exchange.response.status)?.response.headers?.['RateLimit-Limit']) continue;
      // One answer per operation and status is enough to judge the headers.
      const key = `${op.operationId}:${exchange.response.status}`;
      if (seen.has(key)) continue;
      seen.add(key);
      ctx.judged(op.operationId);
      // A deployment may tune the default policy's limit (the mock's MOCK_RATE_LIMIT); a named
      // policy (login, refresh) is a figure of the contract, and its limit is compared too.
      const named = policyName !== rateLimits.defaultPolicy;
      const problems = headerProblems(exchange, policy.windowSeconds, named ? policy.limit : undefined);
      if (problems.length === 0) continue;
      ctx.fail({
        operationId: op.operationId,
        title: 'RateLimit headers missing or inconsistent',
        message: `${requestLine(exchange)} (policy ${policyName}: ${policy.limit} a ${policy.windowSeconds} s window) answered ${exchange.response.status} with ${problems.join('; ')}.`,
        expected: `RateLimit-Limit ${named ? `${policy.limit} (policy ${policyName})` : 'a positive integer'}, -Remaining (<= Limit), -Reset (<= ${policy.windowSeconds}) and -Policy "${named ? policy.limit : '<limit>'};w=${policy.windowSeconds}"`,
        actual: HEADERS.map((h) => `${h}: ${exchange.response.headers[h] ?? '(missing)'}`).join(', '),
        specPointer: specPointer('x-rate-limits', 'policies', policyName),
        exchange,
      });
    }
    if (ctx.settings.rateLimitBurst) judgeBurst(ctx, burst);
    else ctx.note('rate_limit: the 429 itself was not provoked (opt in with --rate-limit-burst).');
  },
};

function headerProblems(exchange: Exchange, windowSeconds: number, policyLimit?: number): string[] {
  const headers = exchange.response?.headers ?? {};
  const missing = HEADERS.filter((h) => headers[h] === undefined);
  if (missing.length) return [`no ${missing.join(', ')}`];
  const limit = Number(headers['ratelimit-limit']);
  const remaining = Number(headers['ratelimit-remaining']);
  const reset = Number(headers['ratelimit-reset']);
  const problems: string[] = [];
  if (!Number.isInteger(limit) || limit < 1)
    problems.push(`RateLimit-Limit ${headers['ratelimit-limit']} is not a positive integer`);
  else if (policyLimit !== undefined && limit !== policyLimit)
    problems.push(`RateLimit-Limit ${limit} is not the policy's ${policyLimit}`);
  if (!Number.isInteger(remaining) || remaining < 0 || remaining > limit)
    problems.push(`RateLimit-Remaining ${headers['ratelimit-remaining']} is not between 0 and the limit`);
  if (!Number.isInteger(reset) || reset < 0 || reset > windowSeconds)
    problems.push(`RateLimit-Reset ${headers['ratelimit-reset']} is not between 0 and ${windowSeconds}`);
  const policy = /^(\d+);w=(\d+)$/.exec(headers['ratelimit-policy'] ?? '');
  if (!policy || Number(policy[1]) !== limit || Number(policy[2]) !== windowSeconds)
    problems.push(`RateLimit-Policy ${headers['ratelimit-policy']} is not "${limit};w=${windowSeconds}"`);
  return problems;
}

/** A burst past the policy's limit ends with 429 and Retry-After in whole seconds. */
function judgeBurst(ctx: JudgeContext, burst: BurstRecord): void {
  const { op, policy, last } = burst;
  if (!op || !policy) {
    ctx.note('rate_limit: no operation to burst.');
    return;
  }
  const retryAfter = Number(last?.response?.headers['retry-after']);
  if (last?.response?.status === 429 && Number.isInteger(retryAfter) && retryAfter >= 0) return;
  ctx.fail({
    operationId: op.operationId,
    title: 'Burst past the limit not answered 429',
    message: `${policy.limit + 1} requests to ${op.operationId} within a minute (policy ${op.rateLimitPolicy}: ${policy.limit}) ended with ${last?.response?.status}.`,
    expected: '429 with Retry-After in whole seconds',
    actual: last ? describeResponse(last.response, last.error) : 'no request sent',
    specPointer: operationPointer(op, 'responses', '429'),
    ...(last ? { exchange: last } : {}),
  });
}

import type { JudgeContext } from '../check-context.ts';
import { driveTokenExpiry, type ExpiryClose, type TokenExpiryRecord } from '../execute/drive-token-expiry.ts';
import { protectedRead } from '../execute/expiry-clock.ts';
import { operationPointer, specPointer } from '../plan/spec-pointer.ts';
import type { Exchange } from '../types.ts';
import { challengeProblems, challengeRule, expectedChallenge } from './challenge.ts';
import { describeResponse, requestLine } from './describe.ts';
import type { Check } from './types.ts';

/**
 * The refusal of an access token past its lifetime (x-auth.refusals.expired), judged whole: a 401
 * with that problem code, the WWW-Authenticate challenge x-auth.challenge states, the events
 * sockets closed as x-closes-on says (the one open when the token ran out, one opened with it
 * after), and the login's refresh token still exchanged where it outlives the access token. The
 * token is waited out (drive-token-expiry.ts) or given with --expired-token.
 */
export const tokenExpiry: Check<TokenExpiryRecord> = {
  name: 'token_expiry',
  catches:
    'An expired access token accepted, or refused with another status or problem code than x-auth.refusals.expired, a WWW-Authenticate challenge without the realm, error or description x-auth.challenge states, an events socket left open when its token runs out or opened with an expired token (x-closes-on), a refresh token refused once its access token expired.',
  mutates: false,
  skipReason(ctx) {
    if (!protectedRead(ctx.contract, ctx.selected))
      return "no protected read (a GET that needs no parameter) is in this run's selection to send an expired token to";
    return undefined;
  },
  drive: driveTokenExpiry,
  judge(ctx, r) {
    if ('skipped' in r) return ctx.note(`token_expiry: skipped: ${r.skipped}.`);
    const auth = ctx.contract.extensions.auth;
    const code = auth?.refusals?.expired;
    const { expired } = r;
    const opId = expired.operationId;
    ctx.judged(opId);
    const res = expired.response;
    const actualCode = (res?.json as { code?: string } | undefined)?.code;
    // The clock is a second past the stated lifetime (rounding): the token ran out a second before.
    const past = Math.max(0, Math.round((expired.sentAt - r.clock.expiredAtMs) / 1000) + 1);
    const how = r.clock.lifetime
      ? `presents the access token of a login that stated ${r.clock.lifetime.from} ${r.clock.lifetime.seconds} s, ${past} s after that ran out (the run waited ${Math.round(r.waitedMs / 1000)} s of it, the rest beside other checks)`
      : 'presents the --expired-token';
    const op = opId ? ctx.contract.byId.get(opId) : undefined;
    if (res?.status !== 401 || (code !== undefined && actualCode !== code))
      fail(ctx, expired, {
        title:
          res?.status === 401
            ? `Expired access token refused with ${actualCode ?? 'no code'} instead of ${code}`
            : res && res.status < 300
              ? 'Expired access token accepted'
              : 'Expired access token not refused with 401',
        message: `${requestLine(expired)} ${how}.`,
        expected: `401${code ? ` ${code}` : ''}`,
        pointer:
          code || !op
            ? specPointer('x-auth', 'refusals', 'expired')
            : operationPointer(op, 'responses', '401'),
      });
    const stated = challengeRule(ctx.contract);
    if (res?.status === 401 && stated) judgeChallenge(ctx, expired, stated);
    for (const close of r.closes) judgeClose(ctx, close, expired);
    const refreshTtl = auth?.refreshToken?.ttlSeconds;
    const lifetime = r.clock.lifetime?.seconds;
    if (r.refreshed && refreshTtl !== undefined && lifetime !== undefined && refreshTtl > lifetime) {
      ctx.judged(r.refreshed.operationId);
      const pair = r.refreshed.response?.json as { token?: unknown } | undefined;
      if (r.refreshed.response?.status !== 200 || typeof pair?.token !== 'string')
        fail(ctx, r.refreshed, {
          title: 'Refresh token refused after its access token expired',
          message: `${requestLine(r.refreshed)} exchanges the refresh token of a login whose access token expired; x-auth says it lives ${refreshTtl} s, the access token ${lifetime} s.`,
          expected: '200 with a new token',
          pointer: specPointer('x-auth', 'refreshToken', 'ttlSeconds'),
        });
    }
  },
};

function fail(
  ctx: JudgeContext,
  exchange: Exchange,
  f: { title: string; message: string; expected: string; pointer: string },
): void {
  ctx.fail({
    operationId: exchange.operationId,
    title: f.title,
    message: f.message,
    expected: f.expected,
    actual: describeResponse(exchange.response, exchange.error),
    specPointer: f.pointer,
    exchange,
  });
}

/** The WWW-Authenticate of the refusal: the scheme of x-auth, and x-auth.challenge's realm, error and description. */
function judgeChallenge(
  ctx: JudgeContext,
  exchange: Exchange,
  stated: NonNullable<ReturnType<typeof challengeRule>>,
): void {
  const header = exchange.response?.headers['www-authenticate'];
  const wrong = challengeProblems(header, stated, false);
  if (wrong.length === 0) return;
  ctx.fail({
    operationId: exchange.operationId,
    title: 'Expired access token refused without the challenge x-auth states',
    message: `${requestLine(exchange)} presents an expired access token and was answered 401 with WWW-Authenticate ${header === undefined ? '(none)' : JSON.stringify(header)}: ${wrong.join(', ')}.`,
    expected: expectedChallenge(stated, false),
    actual: header === undefined ? 'no such header' : `WWW-Authenticate: ${header}`,
    specPointer: specPointer('x-auth', 'challenge'),
    exchange,
  });
}

/** A socket of the expiring token closed with the code and reason x-closes-on names for the cause. */
function judgeClose(ctx: JudgeContext, c: ExpiryClose, exchange: Exchange): void {
  ctx.judged(undefined);
  if (c.closed?.code === c.rule.code && (c.rule.reason === undefined || c.closed.reason === c.rule.reason))
    return;
  const want = `close code ${c.rule.code}${c.rule.reason ? ` with reason ${c.rule.reason}` : ''}`;
  const got = c.closed
    ? `closed with ${c.closed.code} "${c.closed.reason}"`
    : `still open after ${c.waitedMs} ms`;
  const when =
    c.cause === 'tokenExpired'
      ? 'opened with an access token while it was valid, when that token ran out'
      : 'opened with an access token past its lifetime';
  ctx.fail({
    operationId: exchange.operationId,
    title: c.closed ? `Socket closed with the wrong code on ${c.cause}` : `Socket left open on ${c.cause}`,
    message: `An events socket ${when}, was not closed with ${want}: ${got}.`,
    expected: want,
    actual: got,
    specPointer: `asyncapi.yaml#/channels/${c.channel}/x-closes-on/${c.cause}`,
  });
}

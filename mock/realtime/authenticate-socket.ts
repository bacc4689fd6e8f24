import { bearerToken } from '../auth/authenticate.ts';
import type { MockUser as User } from '../auth/user.ts';
import type { MockContext } from '../context.ts';
import type { ProblemCode } from '../http/problem.ts';
import { HttpProblem } from '../http/problem.ts';

export type SocketAuth =
  | {
      ok: true;
      user: User;
      /** Epoch ms the token expires, if it does. */
      expiresAt: number | undefined;
      /** The login the token belongs to (its refresh family), which a logout revokes whole. */
      family: string | undefined;
    }
  | { ok: false; code: ProblemCode };

/**
 * Who an upgrade request is, by the rules of asyncapi.yaml: the access token in the `token` query
 * parameter (browsers cannot set headers on a WebSocket), or `Authorization: Bearer` for other
 * clients; the header wins when both are sent, as on the REST API. Answers the problem code of a
 * refusal rather than throwing, because the refusal is a close code, not an HTTP answer.
 */
export async function authenticateSocket(
  req: { headers: { authorization?: string | undefined }; url?: string | undefined },
  ctx: MockContext,
): Promise<SocketAuth> {
  if (!ctx.options.auth) {
    const user = ctx.users.get(ctx.credentials.userId);
    return user
      ? { ok: true, user, expiresAt: undefined, family: undefined }
      : { ok: false, code: 'token_invalid' };
  }
  const header = req.headers.authorization;
  let token: string | undefined;
  if (header !== undefined) {
    token = bearerToken(header);
    if (!token) return { ok: false, code: 'token_invalid' };
  } else {
    const url = new URL(req.url ?? '/', 'http://socket');
    token = url.searchParams.get(ctx.extensions.auth.queryTokenParameter) ?? undefined;
  }
  try {
    const claims = await ctx.tokens.verify(token);
    return { ok: true, user: claims.user, expiresAt: claims.expiresAt, family: claims.family };
  } catch (error) {
    if (error instanceof HttpProblem) return { ok: false, code: error.code };
    throw error;
  }
}

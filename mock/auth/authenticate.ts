import type { Request } from 'express';
import type { User } from '../../spec/models.ts';
import type { SpecOperation } from '../../spec/operations.ts';
import { isProtected } from '../../spec/operations.ts';
import type { MockContext } from '../context.ts';
import { HttpProblem } from '../http/problem.ts';
import { challenge } from './tokens.ts';

/** The security stage of one operation, with what the contract says about it worked out once. */
export interface Authenticator {
  /** False for public operations (login, health): nothing to check. */
  protects: boolean;
  /**
   * Answers the user a protected operation runs as, or throws the 401 problem (with
   * `WWW-Authenticate`) that says why not. The token comes from `Authorization: Bearer`, or from
   * the `token` query parameter where the operation's security allows it (audio downloads).
   */
  authenticate(req: Request): Promise<User | undefined>;
}

export function authenticator(op: SpecOperation, ctx: MockContext): Authenticator {
  const queryToken = allowsQueryToken(op, ctx);
  return {
    protects: isProtected(op),
    async authenticate(req) {
      if (!ctx.options.auth) return ctx.users.get(ctx.credentials.userId);
      const header = req.headers.authorization;
      let token: string | undefined;
      if (header !== undefined) {
        token = bearerToken(header);
        if (!token) {
          const detail = 'The Authorization header must be "Bearer <token>".';
          throw new HttpProblem('token_invalid', detail, {
            headers: { 'WWW-Authenticate': challenge('token_invalid', detail) },
          });
        }
      } else if (queryToken) {
        const value = req.query[ctx.extensions.auth.queryTokenParameter];
        token = typeof value === 'string' ? value : undefined;
      }
      const claims = await ctx.tokens.verify(token);
      req.accessClaims = claims;
      return claims.user;
    },
  };
}

/** The token of an `Authorization: Bearer <token>` header; undefined when the header is not one. */
export function bearerToken(header: string): string | undefined {
  return /^Bearer +([^\s]+) *$/i.exec(header)?.[1];
}

function allowsQueryToken(op: SpecOperation, ctx: MockContext): boolean {
  const schemes = ctx.spec.document.components?.securitySchemes ?? {};
  return op.security.some((req) =>
    Object.keys(req).some((name) => {
      const scheme = schemes[name] as { type?: string; in?: string } | undefined;
      return scheme?.type === 'apiKey' && scheme.in === 'query';
    }),
  );
}

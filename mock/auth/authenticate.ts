import type { MockContext } from '../context.ts';
import { HttpProblem } from '../http/problem.ts';
import type { SpecOperation } from '../openapi/operations.ts';
import { isProtected } from '../openapi/operations.ts';
import type { MockRequest } from '../routes/mock-request.ts';
import { challenge } from './tokens.ts';
import type { MockUser as User } from './user.ts';

/** The security stage of one operation, with what the contract says about it worked out once. */
export interface Authenticator {
  /** False for public operations (login, health): nothing to check. */
  protects: boolean;
  /**
   * Answers the user a protected operation runs as, or throws the 401 problem (with
   * `WWW-Authenticate`) that says why not. The token comes from `Authorization: Bearer`, or from
   * the `token` query parameter where the operation's security allows it (audio downloads). A
   * token verified before is answered at once; only a new one waits for its signature's check.
   */
  authenticate(req: MockRequest): User | undefined | Promise<User | undefined>;
}

export function authenticator(op: SpecOperation, ctx: MockContext): Authenticator {
  const queryToken = allowsQueryToken(op, ctx);
  return {
    protects: isProtected(op),
    authenticate(req) {
      if (!ctx.options.auth) return ctx.users.get(ctx.credentials.userId);
      // Without `x-auth` the contract says only that a credential is needed: any one passes, as in Prism.
      if (!ctx.extensions.authDeclared) return presentCredential(op, req, ctx);
      const header = req.headers.authorization;
      let token: string | undefined;
      if (header !== undefined) {
        token = bearerToken(header);
        if (!token) {
          const detail = 'The Authorization header must be "Bearer <token>".';
          throw new HttpProblem('token_invalid', detail, {
            headers: { 'WWW-Authenticate': challenge(ctx.tokens.realm, 'token_invalid', detail) },
          });
        }
      } else if (queryToken) {
        const value = req.query[ctx.extensions.auth.queryTokenParameter];
        token = typeof value === 'string' ? value : undefined;
      }
      const known = token ? ctx.tokens.known(token) : undefined;
      if (known) {
        req.accessClaims = known;
        return known.user;
      }
      return ctx.tokens.verify(token).then((claims) => {
        req.accessClaims = claims;
        return claims.user;
      });
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

/**
 * The security check of a contract without `x-auth`: the operation's security schemes ask for a
 * bearer token, an API key or basic credentials, and any non-empty one passes.
 */
function presentCredential(op: SpecOperation, req: MockRequest, ctx: MockContext): User | undefined {
  const schemes = ctx.spec.document.components?.securitySchemes ?? {};
  const present = op.security.some((requirement) =>
    Object.keys(requirement).every((name) => {
      const scheme = schemes[name] as
        | { type?: string; in?: string; name?: string; scheme?: string }
        | undefined;
      if (scheme?.type === 'apiKey' && scheme.name) {
        const key = scheme.name.toLowerCase();
        if (scheme.in === 'query')
          return typeof req.query[scheme.name] === 'string' && req.query[scheme.name] !== '';
        if (scheme.in === 'cookie') return (req.headers.cookie ?? '').includes(`${scheme.name}=`);
        return Boolean(req.headers[key]);
      }
      return /^\S+ +\S+/.test(req.headers.authorization ?? '');
    }),
  );
  if (!present) {
    const detail = 'This operation needs a credential (see its security schemes); any value is accepted.';
    throw new HttpProblem('token_missing', detail, {
      headers: { 'WWW-Authenticate': 'Bearer realm="mock"' },
    });
  }
  return ctx.users.get(ctx.credentials.userId);
}

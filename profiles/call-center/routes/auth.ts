import type { IssuedTokens } from '../../../mock/auth/tokens.ts';
import { sameSecret } from '../../../mock/auth/tokens.ts';
import { HttpProblem } from '../../../mock/http/problem.ts';
import type { Handler } from '../../../mock/routes/handler.ts';
import type { LoginRequest, RefreshRequest, TokenPair } from '../models.ts';

export const login: Handler = async ({ input, ctx }) => {
  const { email, password } = input.body as LoginRequest;
  const { credentials } = ctx;
  // Compare both fields every time, so timing does not tell a known email from an unknown one.
  const emailOk = sameSecret(email.toLowerCase(), credentials.email.toLowerCase());
  const passwordOk = sameSecret(password, credentials.password);
  const user = ctx.users.get(credentials.userId);
  if (!emailOk || !passwordOk || !user)
    throw new HttpProblem('invalid_credentials', 'The email and password do not match a user.');
  return { status: 200, body: tokenPair(await ctx.tokens.issue(user)) };
};

export const refreshToken: Handler = async ({ input, ctx }) => {
  const { refreshToken } = input.body as RefreshRequest;
  return { status: 200, body: tokenPair(await ctx.tokens.rotate(refreshToken)) };
};

export const logout: Handler = async ({ req, ctx }) => {
  const claims = req.accessClaims;
  if (claims) ctx.tokens.revoke(claims);
  return { status: 204 };
};

export const getCurrentUser: Handler = ({ user, ctx }) => ({
  status: 200,
  body: user ?? ctx.users.get(ctx.credentials.userId),
});

/** The contract's TokenPair of tokens issued by x-auth's rules. */
export function tokenPair(issued: IssuedTokens): TokenPair {
  return {
    token: issued.accessToken,
    refreshToken: issued.refreshToken,
    tokenType: 'Bearer',
    expiresIn: issued.accessTtlSeconds,
    refreshExpiresIn: issued.refreshTtlSeconds,
    // The engine's user is the demo user this profile names (role admin): the contract's User.
    user: issued.user as TokenPair['user'],
  };
}

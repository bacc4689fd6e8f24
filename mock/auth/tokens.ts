import { errors, jwtVerify, SignJWT } from 'jose';
import { HttpProblem } from '../http/problem.ts';
import type { AuthRules } from '../openapi/extensions.ts';
import type { MockUser as User } from './user.ts';

interface RefreshRecord {
  userId: string;
  family: string;
  expiresAt: number;
  used: boolean;
}

/** What a verified access token says. */
export interface AccessClaims {
  user: User;
  jti: string;
  family: string;
  expiresAt: number;
}

/**
 * The realm of the contract's challenges: `x-auth.challenge.realm` or `x-auth.realm`, else the
 * issuer of its tokens (a contract that names its issuer names its realm), else `api`.
 */
export function realmOf(rules: AuthRules): string {
  return rules.challenge?.realm ?? rules.realm ?? rules.accessToken.issuer ?? 'api';
}

/** The `WWW-Authenticate` challenge of a refusal (RFC 6750: no error code when no token was sent). */
export function challenge(realm: string, code: string, description?: string): string {
  const scheme = `Bearer realm="${realm}"`;
  if (code === 'token_missing') return scheme;
  return `${scheme}, error="invalid_token", error_description="${description ?? code}"`;
}

function unauthorized(
  realm: string,
  code: 'token_missing' | 'token_invalid' | 'token_expired' | 'token_revoked',
  detail: string,
) {
  return new HttpProblem(code, detail, { headers: { 'WWW-Authenticate': challenge(realm, code, detail) } });
}

/**
 * Issues and checks tokens by the rules of the spec's `x-auth`: HS256 JWT access tokens with
 * issuer, audience and lifetime from the spec; opaque single-use refresh tokens in families, where
 * reusing a retired one revokes the family (OAuth 2.0 security BCP, refresh token rotation).
 */
/** JWT claims the service sets itself; others named by x-auth come from the user record. */
const REGISTERED_CLAIMS = new Set(['iss', 'aud', 'sub', 'jti', 'iat', 'nbf', 'exp']);

/** What a login or a refresh hands out, in x-auth's terms; a profile shapes it into its answer. */
export interface IssuedTokens {
  accessToken: string;
  refreshToken: string;
  accessTtlSeconds: number;
  refreshTtlSeconds: number;
  user: User;
}

export class TokenService {
  private readonly key: Uint8Array;
  private readonly refreshTokens = new Map<string, RefreshRecord>();
  private readonly revokedFamilies = new Set<string>();
  private readonly revokedJtis = new Set<string>();
  private readonly revocationListeners = new Set<(family: string) => void>();
  /**
   * Claims of access tokens whose signature and claims were verified once. jose verifies HS256
   * through WebCrypto, which cost a fifth of the CPU of an authenticated read under load; expiry and
   * revocation are still checked on every use. Bounded: cleared when full.
   */
  private readonly verified = new Map<string, AccessClaims>();

  constructor(
    private readonly rules: AuthRules,
    private readonly users: Map<string, User>,
    secret: string | undefined,
    private readonly now: () => number = Date.now,
  ) {
    // A secret generated per start unless configured: tokens never outlive the process by accident.
    this.key = new TextEncoder().encode(secret ?? randomText(48));
    this.realm = realmOf(rules);
  }

  /** The realm of this contract's `WWW-Authenticate` challenges. */
  readonly realm: string;

  async issue(user: User, family: string = crypto.randomUUID()): Promise<IssuedTokens> {
    const { accessToken, refreshToken } = this.rules;
    const nowSeconds = Math.floor(this.now() / 1000);
    // The claims x-auth lists beyond the registered ones are copied from the user record.
    const claims: Record<string, unknown> = { fam: family };
    const record = user as unknown as Record<string, unknown>;
    for (const claim of accessToken.claims)
      if (!REGISTERED_CLAIMS.has(claim) && record[claim] !== undefined) claims[claim] = record[claim];
    const token = await new SignJWT(claims)
      .setProtectedHeader({ alg: accessToken.algorithm, typ: 'JWT' })
      .setIssuer(accessToken.issuer)
      .setAudience(accessToken.audience)
      .setSubject(user.id)
      .setJti(crypto.randomUUID())
      .setIssuedAt(nowSeconds)
      .setNotBefore(nowSeconds)
      .setExpirationTime(nowSeconds + accessToken.ttlSeconds)
      .sign(this.key);
    const refreshValue = `rt_${randomText(32)}`;
    this.refreshTokens.set(refreshValue, {
      userId: user.id,
      family,
      expiresAt: this.now() + refreshToken.ttlSeconds * 1000,
      used: false,
    });
    return {
      accessToken: token,
      refreshToken: refreshValue,
      accessTtlSeconds: accessToken.ttlSeconds,
      refreshTtlSeconds: refreshToken.ttlSeconds,
      user,
    };
  }

  /** Verifies an access token, throwing the 401 problem that says why it is refused. */
  async verify(token: string | undefined): Promise<AccessClaims> {
    if (!token)
      throw unauthorized(
        this.realm,
        'token_missing',
        'Send the access token as Authorization: Bearer <token>.',
      );
    const known = this.known(token);
    if (known) return known;
    const claims = this.claimsOf(await this.verifySignature(token));
    if (this.verified.size >= 10_000) this.verified.clear();
    this.verified.set(token, claims);
    this.refuseRevoked(claims);
    return claims;
  }

  /**
   * The claims of a token whose signature was verified before and that has not expired since,
   * without a turn of the event loop: undefined when it must go through verify(). A revoked token
   * is refused here too, so a logout takes effect at the next request.
   */
  known(token: string): AccessClaims | undefined {
    const claims = this.verified.get(token);
    if (!claims) return undefined;
    if (claims.expiresAt <= Math.floor(this.now() / 1000) * 1000) {
      this.verified.delete(token);
      return undefined;
    }
    this.refuseRevoked(claims);
    return claims;
  }

  private refuseRevoked(claims: AccessClaims): void {
    if (this.revokedJtis.has(claims.jti) || this.revokedFamilies.has(claims.family))
      throw unauthorized(
        this.realm,
        'token_revoked',
        'The access token was revoked by a logout. Log in again.',
      );
  }

  /** The claims of a verified payload, remembered with its token until it expires. */
  private claimsOf(payload: Record<string, unknown>): AccessClaims {
    const user = this.users.get(String(payload.sub));
    if (!user) throw unauthorized(this.realm, 'token_invalid', 'The access token names no user.');
    return {
      user,
      jti: String(payload.jti),
      family: String(payload.fam ?? ''),
      expiresAt: Number(payload.exp) * 1000,
    };
  }

  /** Checks signature, algorithm and claims with jose, and remembers the payload of a good token. */
  private async verifySignature(token: string): Promise<Record<string, unknown>> {
    const { accessToken } = this.rules;
    let payload: Record<string, unknown>;
    try {
      ({ payload } = await jwtVerify(token, this.key, {
        algorithms: [accessToken.algorithm],
        issuer: accessToken.issuer,
        audience: accessToken.audience,
        currentDate: new Date(this.now()),
        requiredClaims: ['sub', 'jti', 'exp', 'iat', 'nbf'],
      }));
    } catch (error) {
      if (error instanceof errors.JWTExpired)
        throw unauthorized(
          this.realm,
          'token_expired',
          'The access token expired. Exchange your refresh token for a new pair, or log in again.',
        );
      throw unauthorized(
        this.realm,
        'token_invalid',
        'The access token is malformed, not signed by this server, or not valid yet.',
      );
    }
    return payload;
  }

  /** Exchanges a refresh token for a new pair, retiring it; reuse revokes its whole family. */
  async rotate(refreshToken: string): Promise<IssuedTokens> {
    const record = this.refreshTokens.get(refreshToken);
    const refuse = (detail: string) => new HttpProblem('refresh_token_invalid', detail);
    if (!record) throw refuse('This refresh token is unknown. Log in again.');
    if (this.revokedFamilies.has(record.family))
      throw refuse('This refresh token was revoked. Log in again.');
    if (record.used) {
      this.revokeFamily(record.family);
      throw refuse(
        'This refresh token was already used; every token of this login is now revoked. Log in again.',
      );
    }
    if (record.expiresAt <= this.now()) throw refuse('This refresh token expired. Log in again.');
    const user = this.users.get(record.userId);
    if (!user) throw refuse('This refresh token names no user.');
    record.used = true;
    return this.issue(user, record.family);
  }

  /** Revokes one access token and every refresh token of its login. */
  revoke(claims: AccessClaims): void {
    this.revokedJtis.add(claims.jti);
    this.revokeFamily(claims.family);
  }

  /**
   * Calls `listener` with the family (one login) of every revocation, so that what holds a
   * token open beyond a request (a WebSocket) can end too. Answers the way to stop listening.
   */
  onRevoke(listener: (family: string) => void): () => void {
    this.revocationListeners.add(listener);
    return () => this.revocationListeners.delete(listener);
  }

  private revokeFamily(family: string): void {
    this.revokedFamilies.add(family);
    for (const listener of this.revocationListeners) listener(family);
  }
}

/** Compares secrets in constant time, so response timing does not leak how much of a password matched. */
export function sameSecret(given: string, expected: string): boolean {
  const a = new TextEncoder().encode(given);
  const b = new TextEncoder().encode(expected);
  // Every byte is compared whatever the earlier ones were (Web Crypto has no timingSafeEqual).
  let differ = a.length ^ b.length;
  for (let i = 0; i < b.length; i++) differ |= (a[i] ?? 0) ^ (b[i] as number);
  return differ === 0;
}

/** `bytes` random bytes as base64url text (Web Crypto, so a browser can issue tokens too). */
function randomText(bytes: number): string {
  const random = crypto.getRandomValues(new Uint8Array(bytes));
  return btoa(String.fromCharCode(...random))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

/** A credential that must be refused, and what the refusal's problem code should be. */
export interface BadToken {
  name: string;
  /** The whole `Authorization` header value, or undefined to send none. */
  authorization: string | undefined;
  /** The raw token, for places that take it as `?token=`. */
  token: string | undefined;
  expectedCodes: string[];
}

const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

function decodePart(part: string | undefined): Record<string, unknown> {
  try {
    return JSON.parse(Buffer.from(part ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
  } catch {
    return {};
  }
}

/**
 * The tokens every protected operation must refuse with 401: none, a malformed one, the run's
 * own token with its payload changed (signature kept), with its signature cut, and re-issued
 * with `alg: none`. Derived from a real token so that only the one tampered part is wrong.
 */
export function badTokens(realToken: string): BadToken[] {
  const [header, payload, signature] = realToken.split('.');
  const claims = decodePart(payload);
  const longer = { ...claims, exp: Number(claims.exp ?? 0) + 365 * 24 * 3600, role: 'admin' };
  const tampered = `${header}.${b64(longer)}.${signature}`;
  const unsigned = `${b64({ alg: 'none', typ: 'JWT' })}.${payload}.`;
  const badSignature = `${header}.${payload}.${(signature ?? '').slice(0, -4)}AAAA`;
  const invalid = ['token_invalid'];
  return [
    { name: 'no token', authorization: undefined, token: undefined, expectedCodes: ['token_missing'] },
    {
      name: 'a malformed token',
      authorization: 'Bearer not-a-jwt',
      token: 'not-a-jwt',
      expectedCodes: invalid,
    },
    {
      name: 'a token with a changed payload',
      authorization: `Bearer ${tampered}`,
      token: tampered,
      expectedCodes: invalid,
    },
    {
      name: 'a token with a wrong signature',
      authorization: `Bearer ${badSignature}`,
      token: badSignature,
      expectedCodes: invalid,
    },
    {
      name: 'an alg=none token',
      authorization: `Bearer ${unsigned}`,
      token: unsigned,
      expectedCodes: invalid,
    },
  ];
}

import type { Contract } from '../plan/load-contract.ts';

/** x-auth's statement of the Bearer challenge (RFC 6750 section 3) a refused token gets. */
export interface ChallengeRule {
  realm?: string;
  error?: string;
  errorDescription?: boolean;
}

/** x-auth.challenge and x-auth's scheme, or undefined where the contract states no challenge. */
export function challengeRule(contract: Contract): { rule: ChallengeRule; scheme: string } | undefined {
  const auth = contract.extensions.auth as
    | ({ challenge?: ChallengeRule; scheme?: string } & object)
    | undefined;
  return auth?.challenge ? { rule: auth.challenge, scheme: auth.scheme ?? 'Bearer' } : undefined;
}

/** The auth-params of a challenge (`realm="x", error="invalid_token"`), by lower-case name. */
export function challengeParams(header: string): { scheme: string; params: Record<string, string> } {
  const scheme = /^\s*([!#$%&'*+.^_`|~0-9A-Za-z-]+)/.exec(header)?.[1] ?? '';
  const params: Record<string, string> = {};
  for (const m of header.slice(scheme.length).matchAll(/([\w-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]+))/g))
    params[(m[1] ?? '').toLowerCase()] = (m[2] ?? m[3] ?? '').replace(/\\(.)/g, '$1');
  return { scheme, params };
}

/**
 * What a refusal's WWW-Authenticate gets wrong against the challenge x-auth states, one phrase each
 * (none: it keeps it). A token that was sent names the error and a description; a missing one
 * names neither (RFC 6750 section 3.1: no error code when the request had no credential).
 */
export function challengeProblems(
  header: string | undefined,
  { rule, scheme }: { rule: ChallengeRule; scheme: string },
  missing: boolean,
): string[] {
  const { scheme: got, params } = challengeParams(header ?? '');
  const wrong: string[] = [];
  if (got.toLowerCase() !== scheme.toLowerCase()) wrong.push(`scheme ${got || '(none)'}`);
  if (rule.realm !== undefined && params.realm !== rule.realm)
    wrong.push(`realm ${params.realm ?? '(none)'}`);
  if (missing) {
    if (params.error !== undefined) wrong.push(`error ${params.error} for a request with no token`);
    return wrong;
  }
  if (rule.error !== undefined && params.error !== rule.error)
    wrong.push(`error ${params.error ?? '(none)'}`);
  if (rule.errorDescription && !params.error_description?.trim()) wrong.push('no error_description');
  return wrong;
}

/** The challenge x-auth states, as an expectation line says it. */
export function expectedChallenge(
  { rule, scheme }: { rule: ChallengeRule; scheme: string },
  missing: boolean,
): string {
  const stated = [
    rule.realm !== undefined ? `realm="${rule.realm}"` : '',
    !missing && rule.error !== undefined ? `error="${rule.error}"` : '',
    !missing && rule.errorDescription ? 'error_description="…"' : '',
  ].filter(Boolean);
  const why = !missing && rule.errorDescription ? ' (the description says why, in words)' : '';
  const none = missing ? ' (no error: no token was sent)' : '';
  return `WWW-Authenticate: ${scheme} ${stated.join(', ')}${why}${none}`;
}

/** One kind of statement a contract makes, and the check that judges every statement of that kind. */
export interface RuleKind {
  /** One line for `--rules` and docs/runner.md. */
  what: string;
  /**
   * The check that judges it (a name of checks/index.ts), or undefined while no check does; by
   * statement where the kind's statements are judged by different checks (keyed by the last
   * segment of the statement's pointer: `missing` of `x-auth/refusals/missing`).
   */
  check: string | undefined | Readonly<Record<string, string | undefined>>;
}

/**
 * Every kind of rule the runner reads from openapi.yaml and asyncapi.yaml, defined once with the
 * check that judges it: the inventory (inventory.ts) emits statements of these kinds, `--rules`
 * prints them, and rules.test.ts keeps one test per kind (the inventory of this project's contract
 * has statements of it, and its check exists and has a broken server). A kind no check judges yet
 * says so with `check: undefined`, and `--rules` lists its statements as "not judged", unless the
 * contract states why no run can cause them (`outsideRun`): those are listed as "outside a run".
 */
export const RULE_KINDS = {
  'response-status': {
    what: 'An operation answers only the statuses it documents',
    check: 'status_code_conformance',
  },
  'response-media-type': {
    what: 'A documented response comes in one of its media types',
    check: 'content_type_conformance',
  },
  'response-schema': {
    what: 'A response body keeps its schema (the keywords listed)',
    check: 'response_schema_conformance',
  },
  'response-header': {
    what: 'A documented response header is there when required, and keeps its schema',
    check: 'response_headers_conformance',
  },
  'request-id': {
    what: "A problem's requestId equals the answer's X-Request-Id header (x-same-as-header)",
    check: 'response_headers_conformance',
  },
  parameter: {
    what: 'A parameter accepts every value its schema and style allow',
    check: 'positive_data_acceptance',
  },
  'request-body': {
    what: 'A request body that breaks its schema is refused with 400',
    check: 'negative_data_rejection',
  },
  'field-errors': {
    what: 'A validation problem names every field that is wrong, not only the first',
    check: 'negative_data_rejection',
  },
  security: { what: 'A protected operation refuses a missing or bad credential', check: 'ignored_auth' },
  'credential-place': {
    what: 'A credential is taken only where the security allows it (the query token only where listed)',
    check: 'ignored_auth',
  },
  'refusal-code': {
    what: 'A refused token is answered with the problem code x-auth.refusals names for its reason',
    check: {
      missing: 'ignored_auth',
      invalid: 'ignored_auth',
      // Waited out beside the other checks where the token lives within --expiry-wait, or given
      // with --expired-token; skipped otherwise, saying which of the two to use.
      expired: 'token_expiry',
      revoked: 'token_lifecycle',
    },
  },
  challenge: {
    what: "A refused token's WWW-Authenticate names x-auth.challenge's realm, and for a token sent its error and description (token_expiry holds the expired token's refusal to it too)",
    check: 'ignored_auth',
  },
  'access-token': {
    what: 'The access token keeps x-auth.accessToken (algorithm, issuer, audience, claims, lifetime)',
    check: 'token_lifecycle',
  },
  'refresh-token': {
    what: 'Refresh tokens rotate, and a reused one is refused and revokes its login (x-auth.refreshToken)',
    check: 'token_lifecycle',
  },
  'query-token': {
    what: 'The access token is accepted as the x-auth.queryTokenParameter where the security lists it',
    check: 'upload_limits',
  },
  'rate-limit-policy': {
    what: 'An operation announces the RateLimit figures of the policy it names (x-rate-limit)',
    check: 'rate_limit',
  },
  cors: { what: 'The CORS policy of x-cors, one statement per part', check: 'cors' },
  'upload-limit': {
    what: 'An upload takes files up to x-max-file-size of the accepted types, and refuses others',
    check: 'upload_limits',
  },
  lifecycle: {
    what: "A call's statuses follow x-lifecycle from its initial to a final status",
    check: 'realtime',
  },
  'test-number': {
    what: 'A call to one of x-test-numbers ends with the status it names',
    check: 'realtime',
  },
  emits: { what: 'An operation that succeeds sends each event its x-emits names', check: 'realtime' },
  constraint: {
    what: 'A request that breaks an x-constraints rule is refused with 400 naming the fields',
    check: 'negative_data_rejection',
  },
  derived: { what: 'A figure is computed from the others as x-derived states', check: 'consistency' },
  'replace-defaults': {
    what: 'A PUT replaces the resource: fields left out take x-replace-defaults',
    check: 'ensure_resource_availability',
  },
  'event-message': { what: 'An AsyncAPI message keeps its payload schema', check: 'realtime' },
  'event-id': { what: 'Every event on the socket has an id no other event had', check: 'realtime' },
  'event-order': {
    what: 'Events come in the order the changes happened (a call: created, its steps, ended)',
    check: 'realtime',
  },
  'close-code': {
    what: 'The socket closes with the code and reason x-closes-on names for each cause',
    check: {
      missingToken: 'realtime',
      invalidToken: 'realtime',
      // On logins token_lifecycle makes anyway: the login policy allows 10 a minute.
      logout: 'token_lifecycle',
      refreshTokenReuse: 'token_lifecycle',
      clientClose: 'realtime',
      tokenExpired: 'token_expiry',
      expiredToken: 'token_expiry',
      // serverShutdown and slowReader state why no run can cause them (outsideRun): no check.
    },
  },
} as const satisfies Record<string, RuleKind>;

export type RuleKindName = keyof typeof RULE_KINDS;

export const RULE_KIND_NAMES = Object.keys(RULE_KINDS) as RuleKindName[];

/**
 * The `x-` keys of the contract that state no rule of the backend, each with why: they steer the
 * mock or tools. Every other `x-` key must have a kind, or the inventory test fails naming it.
 */
export const NOT_RULES: Record<string, string> = {
  'x-mock': "the mock's own settings (profile, collections, filters), not a rule of a backend",
  'x-faker': 'how the mock generates example data',
  'x-internal': "an inventory tag for Spectral's OWASP rules",
};

/** The check that judges one statement: its kind's, or the one for its key where the kind has several. */
export function checkOf(statement: { kind: RuleKindName; pointer: string }): string | undefined {
  const check: RuleKind['check'] = RULE_KINDS[statement.kind].check;
  if (typeof check !== 'object') return check;
  const key = decodeURIComponent(statement.pointer.split('/').at(-1) ?? '');
  return check[key.replaceAll('~1', '/').replaceAll('~0', '~')];
}

/** Every check that judges some statement of a kind. */
export function checksOf(kind: RuleKindName): string[] {
  const check: RuleKind['check'] = RULE_KINDS[kind].check;
  if (typeof check !== 'object') return check ? [check] : [];
  return [...new Set(Object.values(check).filter((c): c is string => c !== undefined))];
}

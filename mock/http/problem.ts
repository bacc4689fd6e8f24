/**
 * The engine's own problem codes: what it refuses for any contract. A contract's own codes (a
 * unique key's 409, a profile's domain refusals) are strings beside them, with their status.
 */
export type ProblemCode =
  | 'validation_failed'
  | 'malformed_json'
  | 'invalid_credentials'
  | 'token_missing'
  | 'token_invalid'
  | 'token_expired'
  | 'token_revoked'
  | 'refresh_token_invalid'
  | 'not_found'
  | 'route_not_found'
  | 'conflict'
  | 'payload_too_large'
  | 'uri_too_long'
  | 'unsupported_media_type'
  | 'rate_limited'
  | 'headers_too_large'
  | 'internal_error'
  | 'storage_full'
  | (string & {});

/** One broken rule of a request: where, which field (a JSON pointer for bodies), which rule, why. */
export interface FieldError {
  in: 'body' | 'query' | 'path' | 'header';
  field: string;
  code: string;
  message: string;
}

/** An RFC 9457 problem as the engine writes it, with its code, request id and field errors. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
  code: ProblemCode;
  requestId: string;
  errors?: FieldError[];
}

/**
 * Titles of the problem codes the engine raises, in one place: each module raises problems by code
 * only. Codes of a contract's own rules (a unique key's 409, a profile's domain refusals) bring
 * their status and title with them.
 */
const TITLES: Record<string, [status: number, title: string]> = {
  validation_failed: [400, 'The request is not valid'],
  malformed_json: [400, 'The body is not valid JSON'],
  invalid_credentials: [401, 'Wrong email or password'],
  token_missing: [401, 'An access token is required'],
  token_invalid: [401, 'The access token is not valid'],
  token_expired: [401, 'The access token expired'],
  token_revoked: [401, 'The access token was revoked'],
  refresh_token_invalid: [401, 'The refresh token cannot be used'],
  not_found: [404, 'Not found'],
  route_not_found: [404, 'No such operation'],
  conflict: [409, 'Conflict'],
  payload_too_large: [413, 'The request is too large'],
  uri_too_long: [414, 'The URL is too long'],
  unsupported_media_type: [415, 'Unsupported media type'],
  rate_limited: [429, 'Too many requests'],
  headers_too_large: [431, 'The request headers are too large'],
  internal_error: [500, 'Internal server error'],
  storage_full: [409, 'The store is full'],
};

/**
 * Where problem types live when the contract names no place (top-level `x-mock.problemTypes`): a
 * URN, since a mock cannot know the API's own documentation site.
 */
export const DEFAULT_PROBLEM_TYPES = 'urn:problem-type:';

/**
 * A failure to answer as a problem: thrown by any stage, rendered by the one error middleware.
 * `headers` carries what the status needs (`WWW-Authenticate`, `Retry-After`).
 */
export class HttpProblem extends Error {
  readonly status: number;
  readonly code: ProblemCode;
  readonly title: string;
  readonly errors: FieldError[] | undefined;
  readonly headers: Record<string, string>;

  constructor(
    code: ProblemCode | (string & {}),
    detail: string,
    extra: {
      errors?: FieldError[];
      headers?: Record<string, string>;
      /** For codes the engine does not know: their status and title. */
      status?: number;
      title?: string | undefined;
    } = {},
  ) {
    super(detail);
    this.code = code as ProblemCode;
    const known = TITLES[code];
    this.status = extra.status ?? known?.[0] ?? 500;
    this.title = extra.title ?? known?.[1] ?? STATUS_TITLES[this.status] ?? 'Error';
    this.errors = extra.errors;
    this.headers = extra.headers ?? {};
  }

  /** The RFC 9457 body of this problem for one request. */
  toBody(instance: string, requestId: string, types = DEFAULT_PROBLEM_TYPES): Problem {
    return problemBody(
      this.code,
      this.message,
      instance,
      requestId,
      this.errors,
      [this.status, this.title],
      types,
    );
  }
}

const STATUS_TITLES: Record<number, string> = { 400: 'Bad request', 404: 'Not found', 409: 'Conflict' };

export function problemBody(
  code: ProblemCode,
  detail: string,
  instance: string,
  requestId: string,
  errors?: FieldError[],
  statusAndTitle?: [number, string],
  types = DEFAULT_PROBLEM_TYPES,
): Problem {
  const [status, title] = statusAndTitle ?? TITLES[code] ?? [500, 'Error'];
  return {
    type: types + code,
    title,
    status,
    detail,
    instance,
    code,
    requestId,
    ...(errors ? { errors } : {}),
  };
}

export function statusOf(code: ProblemCode): number {
  return TITLES[code]?.[0] ?? 500;
}

/** A validation problem listing every field error (one per broken rule; `detail` counts fields). */
export function validationProblem(errors: FieldError[]): HttpProblem {
  const n = new Set(errors.map((e) => `${e.in} ${e.field}`)).size;
  return new HttpProblem('validation_failed', `${n} ${n === 1 ? 'field is' : 'fields are'} not valid.`, {
    errors,
  });
}

/** The 404 of a request that no operation of the contract takes. */
export function routeNotFound(method: string, path: string, basePath: string): HttpProblem {
  return new HttpProblem(
    'route_not_found',
    `${method} ${path} is not an operation of this API; see ${basePath}/docs.`,
  );
}

export function notFound(kind: string, id: string): HttpProblem {
  return new HttpProblem('not_found', `No ${kind} has the id ${id}.`);
}

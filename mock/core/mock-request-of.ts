import type { AccessClaims } from '../auth/tokens.ts';
import type { MockRequest } from '../routes/mock-request.ts';
import type { CoreRequest } from './exchange.ts';

/**
 * The request as an operation's pipeline reads it (MockRequest), from the core's request, the
 * route's path parameters, the query as sent and the JSON body read (if any). One object per
 * request with its methods on the prototype, and the query parsed only when something reads it:
 * a list answered from memory (ListMemo) never does.
 */
class PipelineRequest implements MockRequest {
  readonly method: string;
  readonly headers: MockRequest['headers'];
  accessClaims?: AccessClaims;
  private parsed: Record<string, unknown> | undefined;

  constructor(
    core: CoreRequest,
    readonly params: Record<string, string>,
    readonly search: string,
    readonly body: unknown,
    readonly hasBody: boolean,
  ) {
    this.method = core.method;
    this.headers = core.headers as MockRequest['headers'];
  }

  get query(): Record<string, unknown> {
    this.parsed ??= parseQuery(this.search);
    return this.parsed;
  }

  is(wanted: string): string | false | null {
    if (!this.hasBody) return null;
    const mediaType = this.headers['content-type'];
    return matchesType(typeof mediaType === 'string' ? mediaType : '', wanted) ? wanted : false;
  }
}

/** The pipeline's request; `stream` and `readForm` only where the transport gives them. */
export function mockRequestOf(
  req: CoreRequest,
  params: Record<string, string>,
  search: string,
  body: unknown,
  hasBody: boolean,
): MockRequest {
  const request: MockRequest = new PipelineRequest(req, params, search, body, hasBody);
  const source = req.body;
  if (source.stream) request.stream = () => source.stream?.();
  if (source.form)
    request.readForm = () => (source.form?.() ?? Promise.resolve(undefined)).catch(() => undefined);
  return request;
}

/** The query as Node's querystring reads it: a repeated name is an array, `+` is a space. */
export function parseQuery(search: string): Record<string, unknown> {
  const query: Record<string, unknown> = {};
  if (!search) return query;
  for (const [name, value] of new URLSearchParams(search)) {
    const seen = query[name];
    query[name] = seen === undefined ? value : Array.isArray(seen) ? [...seen, value] : [seen, value];
  }
  return query;
}

/** `application/json` and the `+json` types, with any parameters. */
export function isJsonType(mediaType: string | string[] | undefined): boolean {
  if (typeof mediaType !== 'string') return false;
  const type = mediaType.split(';')[0]?.trim().toLowerCase() ?? '';
  return type === 'application/json' || /^application\/[\w.+-]+\+json$/.test(type);
}

/** Each wanted media type as a pattern, compiled once: the contract's few types, asked per request. */
const PATTERNS = new Map<string, RegExp>();

/** A request's media type against a wanted one that may hold `*` (`audio/*`, `application/*+json`). */
function matchesType(mediaType: string, wanted: string): boolean {
  const type = mediaType.split(';')[0]?.trim().toLowerCase() ?? '';
  if (!type) return false;
  let pattern = PATTERNS.get(wanted);
  if (!pattern) {
    const text = wanted
      .toLowerCase()
      .replace(/[.+?^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '[^/]*');
    pattern = new RegExp(`^${text}$`);
    PATTERNS.set(wanted, pattern);
  }
  return pattern.test(type);
}

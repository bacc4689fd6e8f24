import type { SpecOperation } from '../../spec/operations.ts';
import { HttpProblem } from '../http/problem.ts';
import type { MockRequest } from '../routes/mock-request.ts';

/** The server's JSON body limit (mock/http/json-body.ts), so both transports refuse the same bodies. */
const JSON_LIMIT = 1_048_576;

/**
 * Turns a WHATWG Request (what MSW hands a handler) into what the pipeline reads, the way the
 * server's Express stages would have: the query as querystring parses it, headers in lower case,
 * a JSON body read and parsed (413 past the server's limit, 400 when it is not JSON), a multipart
 * body read into a FormData.
 */
export async function readRequest(
  request: Request,
  url: URL,
  op: SpecOperation,
  params: Record<string, string>,
): Promise<MockRequest> {
  const headers: MockRequest['headers'] = {};
  request.headers.forEach((value, name) => {
    headers[name] = value;
  });
  const query: Record<string, unknown> = {};
  for (const [name, value] of url.searchParams) {
    const seen = query[name];
    query[name] = seen === undefined ? value : Array.isArray(seen) ? [...seen, value] : [seen, value];
  }
  const type = essence(headers['content-type']);
  let body: unknown;
  let form: FormData | undefined;
  let length = 0;
  if (request.body && op.operation.requestBody) {
    if (type === 'multipart/form-data') {
      form = await request.formData().catch(() => undefined);
      length = form ? 1 : 0;
    } else {
      const bytes = new Uint8Array(await request.arrayBuffer());
      length = bytes.length;
      if (length > 0 && isJson(type)) body = parseJson(bytes);
    }
  }
  // The pipeline tells "no body" by its length, as it does with Node's headers.
  if (length > 0) headers['content-length'] ??= String(length);
  else delete headers['content-length'];
  return {
    method: request.method,
    params,
    query,
    headers,
    body,
    ...(form ? { form } : {}),
    is: (wanted: string) => (length === 0 ? null : matches(type, wanted) ? wanted : false),
  };
}

function parseJson(bytes: Uint8Array): unknown {
  if (bytes.length > JSON_LIMIT)
    throw new HttpProblem('payload_too_large', `The body may be at most ${JSON_LIMIT} bytes.`);
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw new HttpProblem('malformed_json', 'The body is not valid JSON.');
  }
}

/** `application/json; charset=utf-8` -> `application/json`. */
function essence(mediaType: string | undefined): string {
  return (mediaType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

function isJson(type: string): boolean {
  return type === 'application/json' || /^application\/[\w.+-]+\+json$/.test(type);
}

/** Each wanted media type as a pattern, compiled once: the contract's few types, asked per request. */
const PATTERNS = new Map<string, RegExp>();

/** A media type against a wanted one that may hold `*` (`audio/*`, `application/*+json`). */
function matches(type: string, wanted: string): boolean {
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

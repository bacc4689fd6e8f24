import type { SpecOperation } from '../../mock/openapi/operations.ts';
import { isProtected } from '../../mock/openapi/operations.ts';
import type { Exchange, Purpose, RecordedRequest, RecordedResponse, Rejection } from '../types.ts';
import { toCurl } from './curl.ts';
import { FETCH_REFUSED_METHODS } from './fetch-refused-methods.ts';
import { writeHeaders, writePath, writeQuery } from './serialize-parameter.ts';
import { describeTransportError } from './transport-error.ts';

/**
 * A request that cannot be written: the run learned no value for one of its path parameters. What
 * the description says is no reason for the run to end: the callers skip the operation with this
 * reason.
 */
export class NoPathValue extends Error {
  constructor(
    readonly operationId: string,
    readonly parameter: string,
  ) {
    super(`${operationId}: no value for path parameter ${parameter}`);
    this.name = 'NoPathValue';
  }
}

/** One part of a multipart body. */
export interface FormPart {
  name: string;
  value: string | Uint8Array;
  filename?: string;
  contentType?: string;
}

export interface SendOptions {
  method: string;
  /** Relative to the base URL (`/qa/…`), already filled in. */
  path: string;
  /** A whole URL instead (probing other bases); `path` is then ignored. */
  absolute?: string;
  operationId?: string;
  query?: Record<string, string | number | boolean | undefined>;
  /** The whole query string, already written (a spec operation's parameters in their styles); wins over `query`. */
  search?: string;
  headers?: Record<string, string>;
  /**
   * `session` sends the run's access token; `public` (an operation without security) no token but
   * the --header lines as given; `none` no credential at all, not even one from --header; an
   * object is sent as the whole Authorization value.
   */
  auth?: 'session' | 'public' | 'none' | { authorization: string };
  json?: unknown;
  raw?: { body: string | Uint8Array; contentType?: string };
  form?: FormPart[];
  purpose?: Purpose;
  description?: string;
  rejection?: Rejection;
  /** The request names an item that does not exist (see Exchange.missingItem). */
  missingItem?: boolean;
  timeoutMs?: number;
  /** Whether a 429 is waited out and retried (the default); the burst of rate_limit says no. */
  retryRateLimited?: boolean;
}

export interface CallOptions
  extends Omit<SendOptions, 'method' | 'path' | 'operationId' | 'query' | 'search'> {
  /** Path parameters by name, each written in its declared style. */
  pathParams?: Record<string, unknown>;
  /** Query parameters by name, as values (lists, objects): each written in its declared style. */
  query?: Record<string, unknown>;
  /** Header and cookie parameters of the operation by name, each written in its declared style. */
  params?: Record<string, unknown>;
}

export interface HttpClientOptions {
  baseUrl: string;
  fetch: typeof globalThis.fetch;
  /**
   * How the methods fetch refuses to send (TRACE, CONNECT, TRACK) go out; by default through
   * `fetch`, and a request that it refuses is recorded as not sent, never as the backend's fault.
   */
  sendRefusedMethods?: typeof globalThis.fetch;
  timeoutMs: number;
  /** Sent with every request (`--header`): an API key, a tenant, whatever the backend needs. */
  headers?: Record<string, string>;
  /** Values of the operation's required header and cookie parameters, sent unless a call gives its own. */
  requiredParams?: (op: SpecOperation) => Record<string, unknown>;
  /**
   * Values of the operation's required query parameters, sent by a call that gives no query of its
   * own (a flow's read of Adyen's session needs its sessionResult); a call that gives one says it all.
   */
  requiredQuery?: (op: SpecOperation) => Record<string, unknown>;
  /**
   * Header names that carry a credential (the spec's apiKey schemes in a header), lower case;
   * `authorization` always does. A request sent without a credential leaves them all out.
   */
  credentialHeaders?: string[];
  /** Sent with every request (`--query`), unless the request already names it. */
  query?: Record<string, string>;
  /** Query names that carry a credential (apiKey schemes in the query): left out of a bare request. */
  credentialQuery?: string[];
}

/**
 * The runner's only way to the backend: every request has a timeout, is recorded in the journal
 * (so that response checks judge every answer, whoever asked), and can be shown as curl.
 * `as(name)` answers a view whose requests are attributed to one check.
 */
export class HttpClient {
  readonly exchanges: Exchange[] = [];
  token: string | undefined;
  /** Time spent waiting for rate limits to reset, reported as a note. */
  rateLimitedMs = 0;
  /** Told what the run waits for and how long it has waited, for the live status. */
  onWait: (text: string) => void = () => {};
  /** Told the count of requests sent so far, at each request. */
  onSend: (count: number) => void = () => {};
  /** Set when the run's --timeout passed: every request then fails at once, so every loop ends. */
  stopped: string | undefined;
  private aborter = new AbortController();
  private readonly secrets = new Set<string>();

  constructor(
    readonly options: HttpClientOptions,
    readonly by = 'runner',
    private readonly shared?: HttpClient,
  ) {}

  as(by: string): HttpClient {
    return new HttpClient(this.options, by, this.root);
  }

  private get root(): HttpClient {
    return this.shared ?? this;
  }

  /** Says what the run waits for: `call 3f… in_progress, 45 of 180 s`. */
  waiting(what: string, sinceMs: number, patienceMs: number): void {
    const seconds = (ms: number) => Math.round(ms / 1000);
    this.root.onWait(`${what}, ${seconds(Date.now() - sinceMs)} of ${seconds(patienceMs)} s`);
  }

  /** Ends the run's traffic: requests from now on fail at once with this reason. */
  stop(reason: string): void {
    if (this.root.stopped) return;
    this.root.stopped = reason;
    this.root.aborter.abort(new Error(reason));
  }

  /** Lets requests through again after stop(): for the cleanup, which must still remove what the run made. */
  resume(): void {
    this.root.stopped = undefined;
    this.root.aborter = new AbortController();
  }

  /** Sets the session token; it is hidden as `$TOKEN` in every curl line. */
  setToken(token: string | undefined): void {
    this.root.token = token;
    if (token) this.root.secrets.add(token);
  }

  curl(request: RecordedRequest): string {
    return toCurl(request, [...this.root.secrets]);
  }

  get journal(): Exchange[] {
    return this.root.exchanges;
  }

  get totalRateLimitedMs(): number {
    return this.root.rateLimitedMs;
  }

  /**
   * Calls a spec operation, filling its path template and writing its query, each parameter in the
   * style it declares (serialize-parameter.ts).
   */
  call(op: SpecOperation, options: CallOptions = {}): Promise<Exchange> {
    const path = op.path.replace(/\{([^}]+)\}/g, (_, name: string) => {
      const value = options.pathParams?.[name];
      if (value === undefined) throw new NoPathValue(op.operationId, name);
      return writePath(op, name, value);
    });
    const auth = options.auth ?? (isProtected(op) ? 'session' : 'public');
    const { query: _query, pathParams: _, params, ...rest } = options;
    const required = options.query === undefined ? this.options.requiredQuery?.(op) : undefined;
    const query = options.query ?? (required && Object.keys(required).length ? required : undefined);
    const written = writeHeaders(op, { ...this.options.requiredParams?.(op), ...params });
    return this.send({
      ...rest,
      ...(Object.keys(written).length ? { headers: { ...written, ...rest.headers } } : {}),
      ...(query ? { search: writeQuery(op, query) } : {}),
      auth,
      method: op.method.toUpperCase(),
      path,
      operationId: op.operationId,
    });
  }

  async send(options: SendOptions): Promise<Exchange> {
    const url = new URL(options.absolute ?? this.options.baseUrl.replace(/\/$/, '') + options.path);
    if (options.search !== undefined) url.search = options.search;
    else
      for (const [key, value] of Object.entries(options.query ?? {}))
        if (value !== undefined) url.searchParams.set(key, String(value));
    const headers: Record<string, string> = {
      accept: 'application/json, application/problem+json, */*',
      ...this.options.headers,
    };
    // A credential given with --header is the run's credential: a request meant to go without one
    // (or with another) must not carry it.
    const token = this.root.token;
    const credentials = new Set(['authorization', ...(this.options.credentialHeaders ?? [])]);
    const bare = options.auth === 'none' || typeof options.auth === 'object';
    for (const [name, value] of Object.entries(this.options.query ?? {}))
      if (!url.searchParams.has(name) && !(bare && this.options.credentialQuery?.includes(name)))
        url.searchParams.set(name, value);
    for (const name of Object.keys(headers)) {
      const lower = name.toLowerCase();
      if (
        (bare && credentials.has(lower)) ||
        (lower === 'authorization' && options.auth === 'session' && token)
      )
        delete headers[name];
    }
    if (options.auth === 'session' && token) headers.authorization = `Bearer ${token}`;
    if (typeof options.auth === 'object') headers.authorization = options.auth.authorization;
    const recorded: RecordedRequest = { method: options.method, url: url.toString(), headers };
    let body: RequestInit['body'];
    if (options.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(options.json);
      recorded.body = body;
    } else if (options.raw) {
      if (options.raw.contentType) headers['content-type'] = options.raw.contentType;
      body = typeof options.raw.body === 'string' ? options.raw.body : new Uint8Array(options.raw.body);
      recorded.body =
        typeof options.raw.body === 'string' ? options.raw.body : `<${options.raw.body.length} bytes>`;
    } else if (options.form) {
      const form = new FormData();
      recorded.form = [];
      for (const part of options.form) {
        if (typeof part.value === 'string') {
          form.append(part.name, part.value);
          recorded.form.push(`${part.name}=${part.value}`);
        } else {
          const blob = new Blob([new Uint8Array(part.value)], { type: part.contentType ?? '' });
          form.append(part.name, blob, part.filename ?? 'file');
          const type = part.contentType ? `;type=${part.contentType}` : '';
          recorded.form.push(`${part.name}=@${part.filename ?? 'file'}${type} (${part.value.length} bytes)`);
        }
      }
      body = form;
    }
    Object.assign(headers, options.headers);
    const exchange: Exchange = {
      seq: this.root.exchanges.length + 1,
      operationId: options.operationId,
      by: this.by,
      purpose: options.purpose ?? 'probe',
      request: recorded,
      sentAt: Date.now(),
      durationMs: 0,
      ...(options.description ? { description: options.description } : {}),
      ...(options.rejection ? { rejection: options.rejection } : {}),
      ...(options.missingItem ? { missingItem: true } : {}),
    };
    this.root.exchanges.push(exchange);
    this.root.onSend(this.root.exchanges.length);
    const started = performance.now();
    const timeoutMs = options.timeoutMs ?? this.options.timeoutMs;
    for (let attempt = 0; ; attempt++) {
      if (this.root.stopped) {
        exchange.error = this.root.stopped;
        exchange.cancelled = true;
        break;
      }
      const refused = FETCH_REFUSED_METHODS.has(options.method);
      const transport = (refused && this.options.sendRefusedMethods) || this.options.fetch;
      try {
        const res = await transport(url, {
          method: options.method,
          headers,
          ...(body === undefined ? {} : { body }),
          redirect: 'manual',
          // A stop cuts reads short; a write in flight is let finish, so that what it creates is known and removed.
          signal: SAFE.has(options.method)
            ? AbortSignal.any([AbortSignal.timeout(timeoutMs), this.root.aborter.signal])
            : AbortSignal.timeout(timeoutMs),
        });
        exchange.response = await readResponse(res);
      } catch (error) {
        exchange.error = this.root.stopped ?? describeTransportError(error, url.toString(), timeoutMs);
        if (this.root.stopped) exchange.cancelled = true;
        // fetch throws before it opens a connection: the runner could not send it, the backend never saw it.
        if (refused && transport === this.options.fetch && !exchange.cancelled) {
          exchange.error = `not sent: this run's fetch cannot send ${options.method} (the Fetch standard forbids it)`;
          exchange.cancelled = true;
        }
      }
      // A conformant backend limits a run as it limits anyone: wait as told and ask again, so
      // that the limit is not mistaken for a refusal. The rate_limit check asks not to.
      const wait = retryAfterMs(exchange.response);
      if (wait === undefined || options.retryRateLimited === false || attempt >= MAX_RATE_LIMIT_RETRIES)
        break;
      this.root.rateLimitedMs += wait;
      // In steps, so that the run's --timeout cuts a long wait short and the status counts down.
      for (const until = Date.now() + wait; Date.now() < until && !this.root.stopped; ) {
        this.root.onWait(
          `rate limit: waiting ${Math.round(wait / 1000)} s, ${Math.ceil((until - Date.now()) / 1000)} s left (429 on ${options.method} ${options.path})`,
        );
        await new Promise((done) => setTimeout(done, Math.min(500, until - Date.now())));
      }
    }
    exchange.durationMs = Math.round(performance.now() - started);
    return exchange;
  }
}

const MAX_RATE_LIMIT_RETRIES = 3;
const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);
const LONGEST_WAIT_MS = 65_000;

/** How long a 429 asks to wait (Retry-After, else RateLimit-Reset), or undefined when not limited. */
function retryAfterMs(response: RecordedResponse | undefined): number | undefined {
  if (response?.status !== 429) return undefined;
  const seconds = Number(response.headers['retry-after'] ?? response.headers['ratelimit-reset'] ?? 1);
  return Math.min(LONGEST_WAIT_MS, Math.max(0, Number.isFinite(seconds) ? seconds : 1) * 1000 + 100);
}

async function readResponse(res: Response): Promise<RecordedResponse> {
  const bytes = new Uint8Array(await res.arrayBuffer());
  const headers: Record<string, string> = {};
  res.headers.forEach((value, key) => {
    headers[key] = value;
  });
  const text = new TextDecoder().decode(bytes);
  const response: RecordedResponse = { status: res.status, headers, text, bytes };
  if (/json/i.test(headers['content-type'] ?? '') && text.length > 0) {
    try {
      response.json = JSON.parse(text);
    } catch {
      // Left undefined: content_type_conformance reports a JSON type whose body does not parse.
    }
  }
  return response;
}

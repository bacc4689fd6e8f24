import { randomUUID } from 'node:crypto';
import type { RuleKindName } from '../../contracts/rules/rule-kinds.ts';
import type { BrokenRule, ProxiedRequest, ProxiedResponse } from './broken-proxy.ts';

/** A broken server: the rule it breaks, the check that must catch it, and the failure title expected. */
export interface BrokenServer {
  name: string;
  check: string;
  title: RegExp;
  /** What one of its failures' messages must say, where the title is not enough. */
  message?: RegExp;
  rule: BrokenRule;
  /** The kinds of contract rule it breaks (contracts/rules/rule-kinds.ts), for the rules inventory's test. */
  kinds?: RuleKindName[];
  /** Runner options the rule needs to show (an opt-in part of the check). */
  options?: { rateLimitBurst?: boolean };
  /** Options of the mock behind the proxy: token_expiry's need tokens that run out within the run. */
  mock?: { accessTokenTtl?: number };
}

/** Whether a bearer JWT's exp has passed. */
function expiredBearer(req: ProxiedRequest): boolean {
  const token = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '')?.[1];
  const exp = (parse(Buffer.from(token?.split('.')[1] ?? '', 'base64url')) as { exp?: number } | undefined)
    ?.exp;
  return typeof exp === 'number' && exp * 1000 <= Date.now();
}

/** The mock behind the broken servers of token_expiry: access tokens of 2 s, waited out within the run. */
const SHORT_TOKENS = { accessTokenTtl: 2 };

const json = (value: unknown) => Buffer.from(JSON.stringify(value));
const parse = (body: Buffer): unknown => {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    return undefined;
  }
};
const is = (req: ProxiedRequest, method: string, pattern: RegExp) =>
  req.method === method && pattern.test(req.url.pathname);
const UUID = '[0-9a-f-]{36}';

function problem(status: number, code: string, extra: object = {}): ProxiedResponse {
  return {
    status,
    headers: { 'content-type': 'application/problem+json', 'x-request-id': randomUUID() },
    body: json({
      type: `https://ai-call-center.example/problems/${code}`,
      title: code,
      status,
      code,
      requestId: randomUUID(),
      ...extra,
    }),
  };
}

function created(body: object, location: string): ProxiedResponse {
  return {
    status: 201,
    headers: { 'content-type': 'application/json', location, 'x-request-id': randomUUID() },
    body: json(body),
  };
}

function withJson(res: ProxiedResponse, change: (body: Record<string, unknown>) => void): ProxiedResponse {
  const body = parse(res.body) as Record<string, unknown> | undefined;
  if (!body) return res;
  change(body);
  return { ...res, body: json(body) };
}

function fakeFile(): ProxiedResponse {
  const id = randomUUID();
  return created(
    {
      id,
      name: 'accepted.mp3',
      description: null,
      contentType: 'audio/mpeg',
      format: 'mp3',
      sizeBytes: 1,
      durationSeconds: null,
      sampleRate: null,
      channels: null,
      sha256: '0'.repeat(64),
      downloadUrl: `/api/voip/file/${id}/content`,
      createdAt: new Date().toISOString().slice(0, 19).concat('Z'),
    },
    `/api/voip/file/${id}`,
  );
}

function validTopicInput(value: unknown): boolean {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return false;
  const v = value as Record<string, unknown>;
  const keysOk = Object.keys(v).every((k) => k === 'name' || k === 'description');
  const name = typeof v.name === 'string' && [...v.name].length >= 1 && [...v.name].length <= 100;
  const description =
    v.description === undefined ||
    v.description === null ||
    (typeof v.description === 'string' && [...v.description].length <= 500);
  return keysOk && name && description;
}

/** One deliberately broken server per check (two for uploads), as the runner's tests use them. */
export const BROKEN_SERVERS: BrokenServer[] = [
  {
    name: 'answers 500 to a topic search',
    check: 'not_a_server_error',
    title: /Server error/,
    rule: {
      request: (req) =>
        is(req, 'GET', /\/topics$/) && req.url.searchParams.has('q') ? problem(500, 'internal_error') : req,
    },
  },
  {
    name: 'drops the connection on a topic search (a crash with no answer)',
    check: 'not_a_server_error',
    title: /No answer/,
    message: /GET \/api\/topics\?q=.* got no HTTP answer: .*closed the connection/,
    rule: {
      request: (req) =>
        is(req, 'GET', /\/topics$/) && req.url.searchParams.has('q')
          ? { status: 0, headers: {}, body: Buffer.alloc(0), drop: true }
          : req,
    },
  },
  {
    name: 'answers 200 instead of 201 on create',
    kinds: ['response-status'],
    check: 'status_code_conformance',
    title: /Undocumented status 200/,
    rule: {
      response: (req, res) =>
        is(req, 'POST', /\/topics$/) && res.status === 201 ? { ...res, status: 200 } : res,
    },
  },
  {
    name: 'answers the current user as text/plain',
    kinds: ['response-media-type'],
    check: 'content_type_conformance',
    title: /Undocumented Content-Type/,
    rule: {
      response: (req, res) =>
        is(req, 'GET', /\/auth\/me$/)
          ? { ...res, headers: { ...res.headers, 'content-type': 'text/plain' } }
          : res,
    },
  },
  {
    name: 'leaves createdAt out of a topic',
    kinds: ['response-schema'],
    check: 'response_schema_conformance',
    title: /Response body breaks the 200 schema/,
    rule: {
      response: (req, res) =>
        is(req, 'GET', new RegExp(`/topics/${UUID}$`)) && res.status === 200
          ? withJson(res, (b) => delete b.createdAt)
          : res,
    },
  },
  {
    name: 'drops WWW-Authenticate from 401s',
    kinds: ['response-header'],
    check: 'response_headers_conformance',
    title: /Missing WWW-Authenticate header/,
    rule: {
      response: (_req, res) => {
        if (res.status !== 401) return res;
        const { 'www-authenticate': _, ...headers } = res.headers;
        return { ...res, headers };
      },
    },
  },
  {
    name: 'accepts an invalid topic (repairs it before the backend sees it)',
    kinds: ['request-body'],
    check: 'negative_data_rejection',
    title: /Invalid request accepted/,
    rule: {
      request: (req) => {
        if (!is(req, 'POST', /\/topics$/) || validTopicInput(parse(req.body))) return req;
        const body = json({ name: `repaired ${randomUUID()}` });
        return { ...req, headers: { ...req.headers, 'content-type': 'application/json' }, body };
      },
    },
  },
  {
    name: 'answers 404 to malformed ids and leaves the fields out of validation problems',
    check: 'negative_data_rejection',
    title: /Refusal does not say what is wrong|Invalid request refused with 404/,
    rule: {
      response: (_req, res) =>
        res.status === 400
          ? withJson(res, (b) => (b.code === 'validation_failed' ? delete b.errors : undefined))
          : res,
      request: (req) => (/\/not-a-uuid$/.test(req.url.pathname) ? problem(404, 'not_found') : req),
    },
  },
  {
    name: 'refuses the direction filter of the call list',
    kinds: ['parameter'],
    check: 'positive_data_acceptance',
    title: /Valid request refused/,
    rule: {
      request: (req) =>
        is(req, 'GET', /\/voip\/calls$/) && req.url.searchParams.has('direction')
          ? problem(400, 'validation_failed', {
              errors: [{ in: 'query', field: 'direction', code: 'enum', message: 'no' }],
            })
          : req,
    },
  },
  {
    name: 'ignores auth on the statistics',
    kinds: ['security'],
    check: 'ignored_auth',
    title: /Accepted no token/,
    rule: {
      async request(req, state) {
        if (!is(req, 'GET', /\/statistics$/)) return req;
        let token = state.memory.get('token') as string | undefined;
        if (!token) {
          const login = await state.upstream({
            method: 'POST',
            url: new URL('/api/auth/login', 'http://proxy.invalid'),
            headers: { 'content-type': 'application/json' },
            body: json({ email: 'admin@example.com', password: 'admin123' }),
          });
          token = (parse(login.body) as { token: string }).token;
          state.memory.set('token', token);
        }
        return { ...req, headers: { ...req.headers, authorization: `Bearer ${token}` } };
      },
    },
  },
  {
    name: 'cannot find a topic by id',
    check: 'ensure_resource_availability',
    title: /Created resource not readable/,
    rule: {
      request: (req) => (is(req, 'GET', new RegExp(`/topics/${UUID}$`)) ? problem(404, 'not_found') : req),
    },
  },
  {
    name: 'answers a Location outside its base path',
    check: 'ensure_resource_availability',
    title: /Location outside the API/,
    rule: {
      response: (req, res) =>
        is(req, 'POST', /\/topics$/) && res.headers.location
          ? { ...res, headers: { ...res.headers, location: res.headers.location.replace('/api/', '/') } }
          : res,
    },
  },
  {
    name: 'answers a Location that matches no route',
    check: 'ensure_resource_availability',
    title: /Location matches no route of the API/,
    rule: {
      response: (req, res) =>
        is(req, 'POST', /\/topics$/) && res.headers.location
          ? {
              ...res,
              headers: { ...res.headers, location: res.headers.location.replace('/topics/', '/topic/') },
            }
          : res,
    },
  },
  {
    name: 'merges a PUT into the pair instead of replacing it',
    kinds: ['replace-defaults'],
    check: 'ensure_resource_availability',
    title: /PUT merged instead of replacing/,
    rule: {
      async request(req, state) {
        if (!is(req, 'PUT', new RegExp(`/qa/${UUID}$`))) return req;
        const current = parse((await state.upstream({ ...req, method: 'GET', body: Buffer.alloc(0) })).body);
        const kept = Object.fromEntries(
          Object.entries((current ?? {}) as Record<string, unknown>).filter(([k]) =>
            ['topicId', 'tags', 'enabled'].includes(k),
          ),
        );
        return { ...req, body: json({ ...kept, ...(parse(req.body) as object) }) };
      },
    },
  },
  {
    // A field the create sent reads back changed, inside a list: the comparison looks at every depth
    // (a backend may add fields there, as Alertmanager adds a matcher's default isEqual, not change them).
    name: "reads a pair's tags back changed",
    check: 'ensure_resource_availability',
    title: /(Created|Replaced) resource does not read back as written/,
    message: /tags/,
    rule: {
      response: (req, res) =>
        is(req, 'GET', new RegExp(`/qa/${UUID}$`)) && res.status === 200
          ? withJson(res, (b) => {
              if (Array.isArray(b.tags) && b.tags.length)
                b.tags = b.tags.map((t: unknown) => `${String(t)}-x`);
            })
          : res,
    },
  },
  {
    name: 'answers 204 to a delete but keeps the pair',
    check: 'use_after_free',
    title: /Deleted resource still readable/,
    rule: {
      request: (req) =>
        is(req, 'DELETE', new RegExp(`/qa/${UUID}$`))
          ? { status: 204, headers: {}, body: Buffer.alloc(0) }
          : req,
    },
  },
  {
    name: 'accepts a duplicate topic name',
    check: 'conflict',
    title: /Missing 409 Conflict/,
    rule: {
      response(req, res) {
        if (!is(req, 'POST', /\/topics$/) || res.status !== 409) return res;
        const id = randomUUID();
        const now = new Date().toISOString().slice(0, 19).concat('Z');
        const name = (parse(req.body) as { name?: string } | undefined)?.name ?? 'x';
        return created({ id, name, description: null, createdAt: now, updatedAt: now }, `/api/topics/${id}`);
      },
    },
  },
  {
    name: 'ignores pageSize',
    check: 'pagination_and_filters',
    title: /Page envelope does not match the request/,
    rule: {
      request(req) {
        if (req.method !== 'GET' || !req.url.searchParams.has('pageSize')) return req;
        const url = new URL(req.url);
        url.searchParams.delete('pageSize');
        return { ...req, url };
      },
    },
  },
  {
    name: 'counts one call too many in the statistics',
    check: 'consistency',
    title: /totals\.calls disagrees with the call list/,
    rule: {
      response: (req, res) =>
        is(req, 'GET', /\/statistics$/) && res.status === 200
          ? withJson(res, (b) => {
              const totals = b.totals as { calls: number };
              totals.calls += 1;
            })
          : res,
    },
  },
  {
    name: 'reports one call more deleted than it deleted',
    check: 'consistency',
    title: /History deletion does not match the calls removed/,
    rule: {
      response: (req, res) =>
        is(req, 'DELETE', /\/voip\/history\/[^/]+$/) && res.status === 200
          ? withJson(res, (b) => {
              b.deletedCount = Number(b.deletedCount) + 1;
            })
          : res,
    },
  },
  {
    name: 'allows every origin',
    kinds: ['cors'],
    check: 'cors',
    title: /CORS policy broken for .*not an allowed origin/,
    rule: {
      response: (req, res) =>
        req.headers.origin
          ? {
              ...res,
              headers: {
                ...res.headers,
                'access-control-allow-origin': req.headers.origin,
                'access-control-allow-credentials': 'true',
              },
            }
          : res,
    },
  },
  {
    name: 'sends no RateLimit headers (limits off)',
    check: 'rate_limit',
    title: /No RateLimit headers on any answer/,
    rule: {
      response: (_req, res) => ({
        ...res,
        headers: Object.fromEntries(Object.entries(res.headers).filter(([k]) => !k.startsWith('ratelimit-'))),
      }),
    },
  },
  {
    name: 'announces more remaining requests than its limit',
    kinds: ['rate-limit-policy'],
    check: 'rate_limit',
    title: /RateLimit headers missing or inconsistent/,
    rule: {
      response: (_req, res) =>
        res.headers['ratelimit-limit']
          ? {
              ...res,
              headers: {
                ...res.headers,
                'ratelimit-remaining': String(Number(res.headers['ratelimit-limit']) + 5),
              },
            }
          : res,
    },
  },
  {
    name: 'never answers 429 to a burst of logins',
    check: 'rate_limit',
    title: /Burst past the limit not answered 429/,
    options: { rateLimitBurst: true },
    rule: {
      response: (req, res) =>
        is(req, 'POST', /\/auth\/login$/) && res.status === 429 ? problem(401, 'invalid_credentials') : res,
    },
  },
  {
    name: 'overstates the answer rate',
    kinds: ['derived'],
    check: 'consistency',
    title: /Statistics answerRate disagrees with the figures it is computed from/,
    rule: {
      response: (req, res) =>
        is(req, 'GET', /\/statistics$/)
          ? withJson(res, (body) => {
              body.answerRate = Math.min(1, Number(body.answerRate) + 0.1);
            })
          : res,
    },
  },
  {
    name: 'counts every call in byOutcome, not only the completed ones',
    kinds: ['derived'],
    check: 'consistency',
    title: /Statistics byOutcome disagrees with the figures it is computed from/,
    rule: {
      response: (req, res) =>
        is(req, 'GET', /\/statistics$/)
          ? withJson(res, (body) => {
              const totals = body.totals as { calls: number; completed: number };
              const outcomes = body.byOutcome as Record<string, number>;
              outcomes.resolved = (outcomes.resolved ?? 0) + totals.calls - totals.completed + 1;
            })
          : res,
    },
  },
  {
    name: 'refuses topic descriptions over 255 characters where the contract allows 500',
    check: 'positive_data_acceptance',
    title: /Valid request refused \(shrunk/,
    // The bisection finds the real limit: 256 refused, 255 taken.
    message: /\/description of 256 characters is refused, 255 accepted; the contract allows 500\): curl /,
    rule: {
      request: (req) => {
        const description = (parse(req.body) as { description?: unknown } | undefined)?.description;
        return is(req, 'POST', /\/topics$/) &&
          typeof description === 'string' &&
          [...description].length > 255
          ? problem(400, 'validation_failed', {
              errors: [{ in: 'body', field: '/description', message: 'too long' }],
            })
          : req;
      },
    },
  },
  {
    name: 'refuses a topic search longer than 3 characters',
    check: 'positive_data_acceptance',
    title: /Valid request refused/,
    // Four characters, the smallest the rule refuses (found within the shrink's request cap).
    message: /Shrunk to the smallest value still refused \(shrinking q=.*: q=.{4}\): curl /,
    rule: {
      request: (req) =>
        is(req, 'GET', /\/topics$/) && [...(req.url.searchParams.get('q') ?? '')].length > 3
          ? problem(400, 'validation_failed', { errors: [{ in: 'query', field: 'q', message: 'too long' }] })
          : req,
    },
  },
  {
    name: 'refuses statistics over exactly 366 days (an exclusive limit)',
    kinds: ['parameter'],
    check: 'positive_data_acceptance',
    title: /Valid request refused/,
    rule: {
      request: (req) =>
        is(req, 'GET', /\/statistics$/) && req.url.searchParams.get('days') === '366'
          ? problem(400, 'validation_failed', {
              errors: [{ in: 'query', field: 'days', message: 'must be below 366' }],
            })
          : req,
    },
  },
  {
    name: 'accepts an upload over 10 MiB',
    kinds: ['upload-limit'],
    check: 'upload_limits',
    title: /Upload of a WAV of 10485761 bytes not answered 413/,
    rule: {
      request: (req) =>
        is(req, 'POST', /\/voip\/file$/) && req.body.length > 10 * 1024 * 1024 ? fakeFile() : req,
    },
  },
  {
    name: 'refuses a file of exactly 10 MiB (an exclusive limit)',
    check: 'upload_limits',
    title: /Upload of a WAV of exactly 10485760 bytes refused/,
    rule: {
      request: (req) =>
        is(req, 'POST', /\/voip\/file$/) && req.body.length >= 10 * 1024 * 1024
          ? problem(413, 'file_too_large')
          : req,
    },
  },
  {
    name: 'accepts text named .mp3',
    kinds: ['upload-limit'],
    check: 'upload_limits',
    title: /Upload of plain text named \.mp3 and typed audio\/mpeg not answered 415/,
    rule: {
      request: (req) =>
        is(req, 'POST', /\/voip\/file$/) && req.body.includes('This is a text file') ? fakeFile() : req,
    },
  },
  {
    name: 'refuses the download token in the query',
    kinds: ['query-token'],
    check: 'upload_limits',
    title: /Download refused with \?token=/,
    rule: {
      request: (req) =>
        req.url.searchParams.has('token') && /\/content$/.test(req.url.pathname)
          ? problem(401, 'token_missing')
          : req,
    },
  },
  {
    name: 'accepts a refresh token twice',
    kinds: ['refresh-token'],
    check: 'token_lifecycle',
    title: /Refresh token accepted twice/,
    rule: {
      request(req, state) {
        if (!is(req, 'POST', /\/auth\/refresh$/)) return req;
        const token = (parse(req.body) as { refreshToken?: string } | undefined)?.refreshToken ?? '';
        return (state.memory.get(token) as ProxiedResponse | undefined) ?? req;
      },
      response(req, res, state) {
        const token = (parse(req.body) as { refreshToken?: string } | undefined)?.refreshToken;
        if (is(req, 'POST', /\/auth\/refresh$/) && token && res.status === 200) state.memory.set(token, res);
        return res;
      },
    },
  },
  {
    name: 'never sends qa.updated',
    kinds: ['emits'],
    check: 'realtime',
    title: /Missing qa\.updated event/,
    rule: {
      event: (message) =>
        (parse(Buffer.from(message)) as { type?: string } | undefined)?.type === 'qa.updated'
          ? false
          : message,
    },
  },
  {
    name: 'never answers a ping',
    check: 'realtime',
    title: /No pong for a ping/,
    rule: {
      event: (message) =>
        (parse(Buffer.from(message)) as { type?: string } | undefined)?.type === 'pong' ? false : message,
    },
  },
  {
    name: 'averages call durations over every call, not only the completed ones',
    check: 'consistency',
    title: /Statistics totals averageDurationSeconds disagrees with the figures it is computed from/,
    kinds: ['derived'],
    rule: {
      response: (req, res) =>
        is(req, 'GET', /\/statistics$/)
          ? withJson(res, (body) => {
              type Counts = { calls: number; totalDurationSeconds: number; averageDurationSeconds: number };
              for (const c of [body.totals, ...(body.series as unknown[])] as Counts[])
                c.averageDurationSeconds = c.calls === 0 ? 0 : Math.round(c.totalDurationSeconds / c.calls);
            })
          : res,
    },
  },
  {
    name: 'accepts days and months together (drops months)',
    check: 'negative_data_rejection',
    title: /Invalid request accepted/,
    message: /days and months together/,
    kinds: ['constraint'],
    rule: {
      request(req) {
        if (!is(req, 'GET', /\/statistics$/) || !req.url.searchParams.has('days')) return req;
        const url = new URL(req.url);
        url.searchParams.delete('months');
        return { ...req, url };
      },
    },
  },
  {
    name: 'issues access tokens of an hour while x-auth says 15 minutes (expiresIn 3600)',
    check: 'token_lifecycle',
    title: /Access token breaks x-auth/,
    kinds: ['access-token'],
    rule: {
      response: (req, res) =>
        is(req, 'POST', /\/auth\/login$/) && res.status === 200
          ? withJson(res, (body) => {
              body.expiresIn = 3600;
            })
          : res,
    },
  },
  {
    name: 'never tells that a call went in_progress',
    check: 'realtime',
    title: /Call events out of lifecycle order/,
    kinds: ['lifecycle', 'event-order'],
    rule: {
      event(message) {
        const event = parse(Buffer.from(message)) as
          | { type?: string; data?: { status?: string } }
          | undefined;
        return event?.type === 'call.status_changed' && event.data?.status === 'in_progress'
          ? false
          : message;
      },
    },
  },
  {
    name: 'leaves occurredAt out of topic.created',
    check: 'realtime',
    title: /Invalid topic\.created event/,
    kinds: ['event-message'],
    rule: {
      event(message) {
        const event = parse(Buffer.from(message)) as Record<string, unknown> | undefined;
        if (event?.type !== 'topic.created') return message;
        delete event.occurredAt;
        return JSON.stringify(event);
      },
    },
  },
  {
    name: "announces the default policy's limit on the login (policy login: 10)",
    check: 'rate_limit',
    title: /RateLimit headers missing or inconsistent/,
    message: /RateLimit-Limit 300 is not the policy's 10/,
    kinds: ['rate-limit-policy'],
    rule: {
      response: (req, res) =>
        is(req, 'POST', /\/auth\/login$/) && res.headers['ratelimit-limit']
          ? {
              ...res,
              headers: {
                ...res.headers,
                'ratelimit-limit': '300',
                'ratelimit-remaining': '299',
                'ratelimit-policy': '300;w=60',
              },
            }
          : res,
    },
  },
  {
    name: 'answers problems whose requestId is not their X-Request-Id',
    check: 'response_headers_conformance',
    title: /requestId differs from the X-Request-Id header/,
    kinds: ['request-id'],
    rule: {
      response: (_req, res) =>
        res.status >= 400 && res.headers['content-type']?.startsWith('application/problem+json')
          ? withJson(res, (body) => {
              body.requestId = randomUUID();
            })
          : res,
    },
  },
  {
    name: 'refuses a logged-out token as token_invalid instead of token_revoked',
    check: 'token_lifecycle',
    title: /Access token still works after logout: refused with token_invalid instead of token_revoked/,
    kinds: ['refusal-code'],
    rule: {
      response: (_req, res) =>
        res.status === 401
          ? withJson(res, (body) => {
              if (body.code === 'token_revoked') body.code = 'token_invalid';
            })
          : res,
    },
  },
  {
    name: 'refuses a malformed token as token_missing',
    check: 'ignored_auth',
    title: /401 with the wrong problem code for a malformed token/,
    kinds: ['refusal-code'],
    rule: {
      response: (req, res) =>
        res.status === 401 && req.headers.authorization === 'Bearer not-a-jwt'
          ? withJson(res, (body) => {
              body.code = 'token_missing';
            })
          : res,
    },
  },
  {
    name: 'gives every event the same id',
    check: 'realtime',
    title: /Event id reused/,
    kinds: ['event-id'],
    rule: {
      event(message) {
        const event = parse(Buffer.from(message)) as Record<string, unknown> | undefined;
        if (typeof event?.id !== 'string') return message;
        event.id = '00000000-0000-4000-8000-000000000000';
        return JSON.stringify(event);
      },
    },
  },
  {
    name: 'keeps sockets open after logout and after a refresh token was reused',
    check: 'token_lifecycle',
    title: /Socket left open after (logout|refreshTokenReuse)/,
    kinds: ['close-code'],
    rule: { close: (code, reason) => !(code === 4401 && reason === 'token_revoked') },
  },
  {
    name: 'reports a completed call to the test number as busy',
    check: 'realtime',
    title: /Call to \+998900000001 did not end completed/,
    kinds: ['test-number'],
    rule: {
      response: (req, res) =>
        is(req, 'GET', new RegExp(`/voip/calls/${UUID}$`))
          ? withJson(res, (body) => {
              if (body.status === 'completed') Object.assign(body, { status: 'busy', outcome: null });
            })
          : res,
    },
  },
  {
    name: 'takes the token from ?token= on every operation',
    check: 'ignored_auth',
    title: /Accepted the run's valid token as \?token=/,
    kinds: ['credential-place'],
    rule: {
      request(req) {
        const token = req.url.searchParams.get('token');
        return token && !req.headers.authorization
          ? { ...req, headers: { ...req.headers, authorization: `Bearer ${token}` } }
          : req;
      },
    },
  },
  {
    name: 'keeps a socket with a malformed token open',
    check: 'realtime',
    title: /Socket not refused with a malformed token/,
    kinds: ['close-code'],
    rule: { close: (code, reason) => !(code === 4401 && reason === 'token_invalid') },
  },
  {
    name: 'names only the first wrong field of a topic',
    check: 'negative_data_rejection',
    title: /Refusal does not say what is wrong/,
    message: /fields wrong at once.*its errors do not name body \//,
    kinds: ['field-errors'],
    rule: {
      response: (req, res) =>
        is(req, 'POST', /\/topics$/) && res.status === 400
          ? withJson(res, (body) => {
              if (Array.isArray(body.errors)) body.errors = body.errors.slice(0, 1);
            })
          : res,
    },
  },
  {
    name: 'accepts an access token past its lifetime (it answers as if a fresh one had come)',
    check: 'token_expiry',
    title: /Expired access token accepted/,
    kinds: ['refusal-code'],
    mock: SHORT_TOKENS,
    rule: {
      async request(req, state) {
        if (!expiredBearer(req)) return req;
        const login = await state.upstream({
          method: 'POST',
          url: new URL('/api/auth/login', 'http://proxy.invalid'),
          headers: { 'content-type': 'application/json' },
          body: json({ email: 'admin@example.com', password: 'admin123' }),
        });
        const token = (parse(login.body) as { token: string }).token;
        return { ...req, headers: { ...req.headers, authorization: `Bearer ${token}` } };
      },
    },
  },
  {
    name: 'refuses an expired access token as token_invalid instead of token_expired',
    check: 'token_expiry',
    title: /Expired access token refused with token_invalid instead of token_expired/,
    kinds: ['refusal-code'],
    mock: SHORT_TOKENS,
    rule: {
      response: (_req, res) =>
        res.status === 401
          ? withJson(res, (body) => {
              if (body.code === 'token_expired') body.code = 'token_invalid';
            })
          : res,
    },
  },
  {
    name: 'refuses an expired access token with a bare challenge (no error, no description)',
    check: 'token_expiry',
    title: /Expired access token refused without the challenge x-auth states/,
    message: /error \(none\), no error_description/,
    kinds: ['challenge'],
    mock: SHORT_TOKENS,
    rule: {
      response: (_req, res) =>
        res.status === 401 && res.headers['www-authenticate']
          ? { ...res, headers: { ...res.headers, 'www-authenticate': 'Bearer realm="ai-call-center"' } }
          : res,
    },
  },
  {
    name: 'keeps an events socket open when its token runs out, and lets an expired token in',
    check: 'token_expiry',
    title: /Socket left open on (tokenExpired|expiredToken)/,
    kinds: ['close-code'],
    mock: SHORT_TOKENS,
    rule: { close: (_code, reason) => reason !== 'token_expired' },
  },
  {
    name: 'refuses a refresh token once its access token expired',
    check: 'token_expiry',
    title: /Refresh token refused after its access token expired/,
    mock: SHORT_TOKENS,
    rule: {
      response: (req, res) =>
        is(req, 'POST', /\/auth\/refresh$/) && res.status === 200
          ? problem(401, 'refresh_token_invalid')
          : res,
    },
  },
  {
    name: 'cuts the connection when a client closes its events socket, instead of answering 1000',
    check: 'realtime',
    title: /Client's close not answered with 1000/,
    kinds: ['close-code'],
    rule: { dropOnClientClose: true },
  },
  {
    name: 'refuses every token with a bare challenge, naming no error and no description',
    check: 'ignored_auth',
    title: /401 without the challenge x-auth states for a (malformed token|token with)/,
    message: /error \(none\), no error_description/,
    kinds: ['challenge'],
    rule: {
      response: (_req, res) =>
        res.status === 401 && res.headers['www-authenticate']
          ? { ...res, headers: { ...res.headers, 'www-authenticate': 'Bearer realm="ai-call-center"' } }
          : res,
    },
  },
];

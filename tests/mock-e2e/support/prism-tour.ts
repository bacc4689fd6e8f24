import { expect } from 'vitest';
import type { Call, OperationId, ProblemCode, TokenPair } from '../../../profiles/call-center/models.ts';
import { DEMO_CREDENTIALS } from '../../../scripts/support/demo-login.ts';
import type { Verdict } from './prism.ts';

// The tour of every operation of openapi.yaml that prism-proxy.test.ts sends through Prism, as data.

const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

export const CREDENTIALS = DEMO_CREDENTIALS;

const QUESTION = 'Prism nimani tekshiradi?';

export interface State {
  token: string;
  refreshToken: string;
  usedRefreshToken: string;
  topicId: string;
  qaId: string;
  /** Plays on the long call, so it cannot be deleted meanwhile. */
  greetingId: string;
  /** Listed, read, downloaded and deleted. */
  fileId: string;
  callId: string;
}

export interface Exchange {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  body?: unknown;
  /** The access token to send; `null` for none, undefined for the current one. */
  token?: string | null;
}

const get = (path: string, token?: string | null): Exchange => ({ method: 'GET', path, token });
const post = (path: string, body?: unknown, token?: string | null): Exchange => ({
  method: 'POST',
  path,
  body,
  token,
});
const put = (path: string, body: unknown): Exchange => ({ method: 'PUT', path, body });
const del = (path: string): Exchange => ({ method: 'DELETE', path });

export interface Step {
  name: string;
  operationId: OperationId;
  send(s: State): Exchange;
  want: number;
  code?: ProblemCode;
  /**
   * `strict` (default) validates the request too. `lenient` forwards requests that break the spec,
   * so that the mock's own 400 for them is judged.
   */
  via?: 'strict' | 'lenient';
  /** Repeats the exchange (each one judged) until this holds. */
  until?(body: unknown): boolean;
  /**
   * Checks the body and keeps what later steps need. `never` lets each step name the body type it
   * expects (the body's schema is Prism's to judge; this only reads it).
   */
  check?(body: never, s: State, verdict: Verdict): void;
}

const keepTokens = (body: TokenPair, s: State) => {
  s.token = body.token;
  s.refreshToken = body.refreshToken;
};
const isFinal = (body: unknown) => !['queued', 'ringing', 'in_progress'].includes((body as Call).status);
const ids = (body: { items: { id: string }[] }) => body.items.map((item) => item.id);

/** The whole tour, in order: each step relies on the state the earlier ones left. */
export const STEPS: Step[] = [
  { name: 'GET /health', operationId: 'getHealth', send: () => get('/health', null), want: 200 },
  {
    name: 'POST /auth/login',
    operationId: 'login',
    send: () => post('/auth/login', CREDENTIALS, null),
    want: 200,
    check: keepTokens,
  },
  {
    name: 'POST /auth/login with a wrong password',
    operationId: 'login',
    send: () => post('/auth/login', { ...CREDENTIALS, password: 'x' }, null),
    want: 401,
    code: 'invalid_credentials',
  },
  {
    name: 'POST /auth/refresh',
    operationId: 'refreshToken',
    send: (s) => post('/auth/refresh', { refreshToken: s.refreshToken }, null),
    want: 200,
    check(body: TokenPair, s) {
      s.usedRefreshToken = s.refreshToken;
      keepTokens(body, s);
    },
  },
  {
    name: 'GET /auth/me',
    operationId: 'getCurrentUser',
    send: () => get('/auth/me'),
    want: 200,
    check: (body: { email: string }) => expect(body.email).toBe(CREDENTIALS.email),
  },
  {
    name: 'GET /auth/me with a malformed token',
    operationId: 'getCurrentUser',
    send: () => get('/auth/me', 'not-a-jwt'),
    want: 401,
    code: 'token_invalid',
  },
  {
    name: 'POST /topics',
    operationId: 'createTopic',
    send: () => post('/topics', { name: 'Prism sinovi', description: 'Mustaqil hakam' }),
    want: 201,
    check(body: { id: string }, s, verdict) {
      s.topicId = body.id;
      expect(verdict.headers.get('location')).toBe(`/api/topics/${s.topicId}`);
    },
  },
  {
    name: 'POST /topics with a name taken (case-insensitively)',
    operationId: 'createTopic',
    send: () => post('/topics', { name: 'PRISM SINOVI' }),
    want: 409,
    code: 'topic_name_taken',
  },
  {
    name: 'GET /topics?q=',
    operationId: 'listTopics',
    send: () => get('/topics?q=prism&page=1&pageSize=5'),
    want: 200,
    check: (body: { items: { id: string }[] }, s) => expect(ids(body)).toEqual([s.topicId]),
  },
  { name: 'GET /topics/{id}', operationId: 'getTopic', send: (s) => get(`/topics/${s.topicId}`), want: 200 },
  {
    name: 'GET /topics/{id} of an unknown id',
    operationId: 'getTopic',
    send: () => get(`/topics/${UNKNOWN_ID}`),
    want: 404,
    code: 'not_found',
  },
  {
    name: 'GET /topics/{id} of a malformed id',
    operationId: 'getTopic',
    via: 'lenient',
    send: () => get('/topics/not-a-uuid'),
    want: 400,
    code: 'validation_failed',
  },
  {
    name: 'POST /qa',
    operationId: 'createQa',
    send: (s) =>
      post('/qa', {
        question: QUESTION,
        answer: 'Shartnomani.',
        topicId: s.topicId,
        tags: ['sinov'],
        enabled: true,
      }),
    want: 201,
    check(body: { id: string }, s) {
      s.qaId = body.id;
    },
  },
  {
    name: 'POST /qa with a question taken (case and spaces aside)',
    operationId: 'createQa',
    send: () => post('/qa', { question: '  prism   NIMANI tekshiradi?', answer: 'Yana.' }),
    want: 409,
    code: 'question_taken',
  },
  {
    name: 'GET /qa?topicId=&q=',
    operationId: 'listQas',
    send: (s) => get(`/qa?topicId=${s.topicId}&q=prism&pageSize=10`),
    want: 200,
    check: (body: { items: { id: string }[] }, s) => expect(ids(body)).toEqual([s.qaId]),
  },
  { name: 'GET /qa/{id}', operationId: 'getQa', send: (s) => get(`/qa/${s.qaId}`), want: 200 },
  {
    name: 'PUT /qa/{id}',
    operationId: 'updateQa',
    send: (s) =>
      put(`/qa/${s.qaId}`, { question: QUESTION, answer: 'Hammasini.', topicId: s.topicId, enabled: false }),
    want: 200,
    check: (body: object) => expect(body).toMatchObject({ answer: 'Hammasini.', enabled: false, tags: [] }),
  },
  {
    name: 'DELETE /topics/{id} while a pair belongs to it',
    operationId: 'deleteTopic',
    send: (s) => del(`/topics/${s.topicId}`),
    want: 409,
    code: 'topic_in_use',
  },
  {
    name: 'GET /voip/file?q=',
    operationId: 'listFiles',
    send: () => get('/voip/file?q=prism-&pageSize=10'),
    want: 200,
    check: (body: { total: number }) => expect(body.total).toBe(2),
  },
  {
    name: 'GET /voip/file/{fileId}',
    operationId: 'getFile',
    send: (s) => get(`/voip/file/${s.fileId}`),
    want: 200,
  },
  {
    name: 'GET /voip/file/{fileId}/content with a bearer token',
    operationId: 'downloadFile',
    send: (s) => get(`/voip/file/${s.fileId}/content`),
    want: 200,
    check(_body, _s, verdict) {
      expect(verdict.headers.get('content-type')).toBe('audio/wav');
      expect(verdict.headers.get('content-disposition')).toContain('prism-beep.wav');
    },
  },
  {
    name: 'GET /voip/file/{fileId}/content?token= (for an <audio src>)',
    operationId: 'downloadFile',
    send: (s) => get(`/voip/file/${s.fileId}/content?token=${s.token}`, null),
    want: 200,
  },
  {
    name: 'DELETE /voip/file/{fileId}',
    operationId: 'deleteFile',
    send: (s) => del(`/voip/file/${s.fileId}`),
    want: 204,
  },
  {
    name: 'GET /voip/file/{fileId} once deleted',
    operationId: 'getFile',
    send: (s) => get(`/voip/file/${s.fileId}`),
    want: 404,
    code: 'not_found',
  },
  {
    name: 'POST /voip/call to the long-call test number, with a greeting',
    operationId: 'placeCall',
    send: (s) => post('/voip/call', { targetNumber: '+998900000005', fileId: s.greetingId }),
    want: 201,
  },
  {
    name: 'POST /voip/call to a number with a live call',
    operationId: 'placeCall',
    send: () => post('/voip/call', { targetNumber: '+998900000005' }),
    want: 409,
    code: 'call_in_progress',
  },
  {
    name: 'DELETE /voip/history/{targetNumber} of a number with a live call',
    operationId: 'deleteCallHistory',
    send: () => del('/voip/history/%2B998900000005'),
    want: 409,
    code: 'call_in_progress',
  },
  {
    name: 'DELETE /voip/file/{fileId} of a file a live call plays',
    operationId: 'deleteFile',
    send: (s) => del(`/voip/file/${s.greetingId}`),
    want: 409,
    code: 'file_in_use',
  },
  {
    name: 'POST /voip/call about an unknown topic',
    operationId: 'placeCall',
    send: () => post('/voip/call', { targetNumber: '+998900000001', topicId: UNKNOWN_ID }),
    want: 400,
    code: 'validation_failed',
  },
  {
    name: 'POST /voip/call to a number that is not Uzbek, in a language not offered',
    operationId: 'placeCall',
    via: 'lenient',
    send: () => post('/voip/call', { targetNumber: '+15550100', language: 'en' }),
    want: 400,
    code: 'validation_failed',
  },
  {
    name: 'POST /voip/call to the "completed" test number',
    operationId: 'placeCall',
    send: (s) =>
      post('/voip/call', {
        targetNumber: '+998900000001',
        contactName: 'Sinov Mijoz',
        topicId: s.topicId,
        language: 'ru',
      }),
    want: 201,
    check(body: { id: string }, s) {
      s.callId = body.id;
    },
  },
  {
    name: 'GET /voip/calls/{callId}, polled until the call ends',
    operationId: 'getCall',
    send: (s) => get(`/voip/calls/${s.callId}`),
    want: 200,
    until: isFinal,
    check: (body: Call) => expect(body.status).toBe('completed'),
  },
  {
    name: 'GET /voip/calls/{callId} of an unknown id',
    operationId: 'getCall',
    send: () => get(`/voip/calls/${UNKNOWN_ID}`),
    want: 404,
    code: 'not_found',
  },
  {
    name: 'GET /voip/calls with every filter',
    operationId: 'listCalls',
    send: (s) =>
      get(
        `/voip/calls?status=completed,busy&targetNumber=%2B998900000001&direction=outbound&topicId=${s.topicId}` +
          '&from=2020-01-01T00:00:00Z&to=2100-01-01T00:00:00Z&sort=-durationSeconds&page=1&pageSize=5',
      ),
    want: 200,
    check: (body: { items: { id: string }[] }, s) => expect(ids(body)).toEqual([s.callId]),
  },
  {
    name: 'GET /voip/calls with `to` before `from`',
    operationId: 'listCalls',
    send: () => get('/voip/calls?from=2026-11-20T00:00:00Z&to=2026-11-01T00:00:00Z'),
    want: 400,
    code: 'validation_failed',
  },
  {
    name: 'DELETE /voip/history/{targetNumber} (a percent-encoded +)',
    operationId: 'deleteCallHistory',
    send: () => del('/voip/history/%2B998900000001'),
    want: 200,
    check: (body: { deletedCount: number }) => expect(body.deletedCount).toBeGreaterThanOrEqual(1),
  },
  {
    name: 'DELETE /voip/history/{targetNumber} again (a bare +): idempotent',
    operationId: 'deleteCallHistory',
    send: () => del('/voip/history/+998900000001'),
    want: 200,
    check: (body: object) => expect(body).toEqual({ targetNumber: '+998900000001', deletedCount: 0 }),
  },
  ...(
    [
      ['days=30', 30, 'day'],
      ['months=6', 6, 'month'],
      ['', 7, 'day'],
    ] as const
  ).map(
    ([query, points, granularity]): Step => ({
      name: `GET /statistics?${query}`,
      operationId: 'getStatistics',
      send: () => get(`/statistics?${query}`),
      want: 200,
      check: (body: object) => expect(body).toMatchObject({ granularity, series: { length: points } }),
    }),
  ),
  {
    name: 'GET /statistics with both days and months',
    operationId: 'getStatistics',
    send: () => get('/statistics?days=3&months=2'),
    want: 400,
    code: 'validation_failed',
  },
  { name: 'DELETE /qa/{id}', operationId: 'deleteQa', send: (s) => del(`/qa/${s.qaId}`), want: 204 },
  {
    name: 'GET /qa/{id} once deleted',
    operationId: 'getQa',
    send: (s) => get(`/qa/${s.qaId}`),
    want: 404,
    code: 'not_found',
  },
  {
    name: 'DELETE /topics/{id}',
    operationId: 'deleteTopic',
    send: (s) => del(`/topics/${s.topicId}`),
    want: 204,
  },
  {
    name: 'POST /auth/refresh with a refresh token used before (theft)',
    operationId: 'refreshToken',
    send: (s) => post('/auth/refresh', { refreshToken: s.usedRefreshToken }, null),
    want: 401,
    code: 'refresh_token_invalid',
  },
  {
    name: 'GET /auth/me with a token of the login that the reuse revoked',
    operationId: 'getCurrentUser',
    send: () => get('/auth/me'),
    want: 401,
    code: 'token_revoked',
  },
  {
    name: 'POST /auth/login again',
    operationId: 'login',
    send: () => post('/auth/login', CREDENTIALS, null),
    want: 200,
    check: keepTokens,
  },
  { name: 'POST /auth/logout', operationId: 'logout', send: () => post('/auth/logout'), want: 204 },
  {
    name: 'GET /auth/me after logging out',
    operationId: 'getCurrentUser',
    send: () => get('/auth/me'),
    want: 401,
    code: 'token_revoked',
  },
];

/** Sends one exchange of the tour to `base` (Prism or the mock). */
export function send(base: string, exchange: Exchange, s: State): Promise<Response> {
  const headers: Record<string, string> = {};
  const token = exchange.token === undefined ? s.token : exchange.token;
  if (token !== null) headers.authorization = `Bearer ${token}`;
  if (exchange.body !== undefined) headers['content-type'] = 'application/json';
  const body = exchange.body === undefined ? undefined : JSON.stringify(exchange.body);
  return fetch(base + exchange.path, { method: exchange.method, headers, body });
}

import type { JudgeContext } from '../check-context.ts';
import type { FlowRecord } from '../execute/run-flows.ts';
import type { Session } from '../execute/session.ts';
import type { Contract } from '../plan/load-contract.ts';
import type { RunSettings } from '../run-settings.ts';
import type { Exchange, Failure, Purpose } from '../types.ts';

/**
 * A judge's context over hand-made exchanges and flows, for the judges' unit tests: what a check
 * reports is collected instead of printed, and nothing can be sent (a judge has no client).
 */
export function judgeContext(
  contract: Contract,
  given: {
    exchanges?: Exchange[];
    flows?: FlowRecord[];
    settings?: Partial<RunSettings>;
    session?: Partial<Session>;
  } = {},
): { ctx: JudgeContext; failures: Failure[]; notes: string[]; judged: string[] } {
  const failures: Failure[] = [];
  const notes: string[] = [];
  const judged: string[] = [];
  const ctx: JudgeContext = {
    contract,
    settings: { baseUrl: 'http://127.0.0.1:9/api', realtimeTimeoutMs: 100, ...given.settings } as RunSettings,
    session: { email: '', password: '', canLogin: false, token: 'a.b.c', ...given.session } as Session,
    flows: given.flows ?? [],
    exchanges: () => given.exchanges ?? [],
    selected: () => true,
    fail: ({ exchange, ...failure }) =>
      failures.push({
        check: 'test',
        ...failure,
        curl: exchange ? `curl ${exchange.request.url}` : undefined,
      }),
    curl: (request) => `curl ${request.url}`,
    note: (text) => notes.push(text),
    judged: (operationId) => {
      if (operationId) judged.push(operationId);
    },
  };
  return { ctx, failures, notes, judged };
}

let seq = 0;

/** A recorded exchange: the request as sent and the answer, its body as JSON where it is an object. */
export function recorded(
  operationId: string | undefined,
  status: number | undefined,
  body?: unknown,
  options: {
    method?: string;
    url?: string;
    headers?: Record<string, string>;
    purpose?: Purpose;
    description?: string;
    by?: string;
  } = {},
): Exchange {
  const text = body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body);
  const type = status !== undefined && status >= 400 ? 'application/problem+json' : 'application/json';
  return {
    seq: ++seq,
    operationId,
    by: options.by ?? 'test',
    purpose: options.purpose ?? 'probe',
    ...(options.description ? { description: options.description } : {}),
    request: { method: options.method ?? 'GET', url: options.url ?? 'http://127.0.0.1:9/api/x', headers: {} },
    ...(status === undefined
      ? { error: 'the connection was reset' }
      : {
          response: {
            status,
            headers: { ...(text ? { 'content-type': type } : {}), ...options.headers },
            text,
            ...(text && typeof body === 'object' ? { json: body } : {}),
            bytes: new TextEncoder().encode(text),
          },
        }),
    sentAt: seq,
    durationMs: 1,
  };
}

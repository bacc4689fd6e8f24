import { type Contract, operation } from '../plan/load-contract.ts';
import { documentedResponse } from '../plan/spec-pointer.ts';
import type { Exchange, RecordedResponse } from '../types.ts';

/** A response in one line: status, problem code or a short body, as a failure's `actual`. */
export function describeResponse(response: RecordedResponse | undefined, error?: string): string {
  if (!response) return error ?? 'no answer';
  const type = response.headers['content-type']?.split(';')[0] ?? 'no content type';
  const problem = response.json as { code?: string; detail?: string } | undefined;
  if (problem && typeof problem === 'object' && typeof problem.code === 'string')
    return `${response.status} ${type} (code ${problem.code}${problem.detail ? `: ${problem.detail}` : ''})`;
  const body = response.text.length > 200 ? `${response.text.slice(0, 200)}…` : response.text;
  return `${response.status} ${type}${body ? ` ${body}` : ''}`;
}

/** `GET /api/qa/…` of an exchange, for messages. */
export function requestLine(exchange: Exchange): string {
  const url = new URL(exchange.request.url);
  return `${exchange.request.method} ${url.pathname}${url.search}`;
}

/** The exchanges of the run that target a spec operation and got an answer. */
export function answered(
  exchanges: Exchange[],
): (Exchange & { operationId: string; response: NonNullable<Exchange['response']> })[] {
  return exchanges.filter(
    (e): e is Exchange & { operationId: string; response: NonNullable<Exchange['response']> } =>
      e.operationId !== undefined && e.response !== undefined,
  );
}

/**
 * The exchanges that got no HTTP answer at all (a reset, an empty reply, a timeout, something not
 * HTTP), leaving out the ones the runner cut short itself. No answer is the gravest finding a run
 * can make, so every check that counts exchanges counts these too, as failures.
 */
export function unanswered(exchanges: Exchange[]): (Exchange & { error: string })[] {
  return exchanges.filter(
    (e): e is Exchange & { error: string } =>
      e.response === undefined && !e.cancelled && e.error !== undefined,
  );
}

/** Each answered exchange with its operation and the response the spec documents for its status. */
export function* judgedExchanges(contract: Contract, exchanges: Exchange[]) {
  for (const exchange of answered(exchanges)) {
    const op = operation(contract, exchange.operationId);
    yield { exchange, op, documented: documentedResponse(op, exchange.response.status) };
  }
}

/** The media type without parameters, lower case. */
export function mediaType(value: string | undefined): string {
  return (value ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

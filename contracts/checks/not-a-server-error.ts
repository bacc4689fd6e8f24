import type { SpecOperation } from '../../mock/openapi/operations.ts';
import { type Contract, operation } from '../plan/load-contract.ts';
import { documentedResponse, operationPointer, specPointer } from '../plan/spec-pointer.ts';
import type { RecordedResponse } from '../types.ts';
import { answered, describeResponse, mediaType, requestLine, unanswered } from './describe.ts';
import type { Check } from './types.ts';

/**
 * Every request of the run, whatever sent it, gets an HTTP answer below 500. A request with no
 * answer at all (the connection reset or closed empty, a timeout, bytes that are not HTTP) is the
 * gravest finding: the server most likely crashed on that input, and a proxy in front would have
 * turned it into a 502.
 */
export const notAServerError: Check = {
  name: 'not_a_server_error',
  catches:
    'Any 5xx answer, or no answer at all (a dropped connection, an empty reply, a timeout), to valid or invalid input: an unhandled exception, a crash on odd Unicode, a bad query.',
  mutates: false,
  phase: 'judge',
  judge(ctx) {
    for (const exchange of unanswered(ctx.exchanges())) {
      ctx.judged(exchange.operationId);
      const op = exchange.operationId ? ctx.contract.byId.get(exchange.operationId) : undefined;
      ctx.fail({
        operationId: exchange.operationId,
        title: 'No answer',
        message: `${requestLine(exchange)} (${exchange.description ?? exchange.purpose}) got no HTTP answer: ${exchange.error}`,
        expected: 'an HTTP answer below 500: a 2xx for valid input, a 4xx problem for invalid input',
        actual: `no answer (${exchange.error})`,
        specPointer: op ? operationPointer(op, 'responses') : specPointer('paths'),
        exchange,
      });
    }
    const noted = new Set<string>();
    for (const exchange of answered(ctx.exchanges())) {
      ctx.judged(exchange.operationId);
      if (exchange.response.status < 500) continue;
      const op = operation(ctx.contract, exchange.operationId);
      // A 501 or 503 the operation documents, with the body it documents, is the server saying what
      // the contract lets it say (not implemented here, down for maintenance): a note. A 500 is
      // always a crash; --strict-server-errors fails the documented ones too.
      const documented = documentedServerError(ctx.contract, op, exchange.response);
      if (documented && !ctx.settings?.strictServerErrors) {
        const key = `${op.operationId} ${exchange.response.status}`;
        if (!noted.has(key))
          ctx.note(
            `not_a_server_error: ${op.operationId} answered ${exchange.response.status} (${requestLine(exchange)}), which it documents (${documented}) with that body: noted, not failed; --strict-server-errors fails it.`,
          );
        noted.add(key);
        continue;
      }
      ctx.fail({
        operationId: exchange.operationId,
        title: 'Server error',
        message: `${requestLine(exchange)} (${exchange.description ?? exchange.purpose}) answered ${exchange.response.status}.`,
        expected: 'a status below 500: a 2xx for valid input, a 4xx problem for invalid input',
        actual: describeResponse(exchange.response),
        specPointer: operationPointer(op, 'responses'),
        exchange,
      });
    }
  },
};

/**
 * Where the operation documents this 5xx (not 500) and its body, when the answer matches both
 * (its media type documented and the body valid against that schema); undefined otherwise.
 */
function documentedServerError(
  contract: Contract,
  op: SpecOperation,
  response: RecordedResponse,
): string | undefined {
  if (response.status === 500) return undefined;
  const found = documentedResponse(op, response.status);
  if (!found || found.key === 'default') return undefined;
  const content = found.response.content ?? {};
  const type = mediaType(response.headers['content-type']);
  if (Object.keys(content).length === 0)
    return response.text.length === 0 ? `responses/${found.key}` : undefined;
  const media = content[type];
  if (!media) return undefined;
  if (!media.schema) return `responses/${found.key}`;
  if (response.json === undefined) return undefined;
  return contract.validator.validate(media.schema as object, response.json).ok
    ? `responses/${found.key}`
    : undefined;
}

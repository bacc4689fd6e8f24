import { operation } from '../plan/load-contract.ts';
import { operationPointer, specPointer } from '../plan/spec-pointer.ts';
import { answered, describeResponse, requestLine, unanswered } from './describe.ts';
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
  async run(ctx) {
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
    for (const exchange of answered(ctx.exchanges())) {
      ctx.judged(exchange.operationId);
      if (exchange.response.status < 500) continue;
      const op = operation(ctx.contract, exchange.operationId);
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

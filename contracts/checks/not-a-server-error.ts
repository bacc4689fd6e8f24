import { operation } from '../plan/load-contract.ts';
import { operationPointer } from '../plan/spec-pointer.ts';
import { answered, describeResponse, requestLine } from './describe.ts';
import type { Check } from './types.ts';

/** Every answer of the run, whatever sent the request, is below 500. */
export const notAServerError: Check = {
  name: 'not_a_server_error',
  catches:
    'Any 5xx answer, to valid or invalid input: an unhandled exception, a crash on odd Unicode, a bad query.',
  mutates: false,
  phase: 'judge',
  async run(ctx) {
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

import { operation } from '../plan/load-contract.ts';
import { jsonBodySchema } from '../plan/request-shape.ts';
import { operationPointer } from '../plan/spec-pointer.ts';
import { answered, describeResponse, requestLine } from './describe.ts';
import type { Check } from './types.ts';

/** Valid requests (examples, generated values, the stateful flows) are answered 2xx. */
export const positiveDataAcceptance: Check = {
  name: 'positive_data_acceptance',
  catches:
    'Valid input refused: an over-strict validator, a Unicode or boundary-length value rejected, a documented query parameter the backend does not know.',
  drivers: ['flows', 'generated', 'writes'],
  mutates: false,
  phase: 'judge',
  judge(ctx) {
    for (const exchange of answered(ctx.exchanges())) {
      if (exchange.purpose !== 'positive') continue;
      const op = operation(ctx.contract, exchange.operationId);
      ctx.judged(op.operationId);
      const status = exchange.response.status;
      // A 409 is the state refusing (a duplicate name), not the input: conflict judges those.
      if (status < 300 || (status === 409 && op.operation.responses?.['409'])) continue;
      if (status >= 500) continue; // not_a_server_error reports it
      const where = jsonBodySchema(op)
        ? operationPointer(op, 'requestBody')
        : operationPointer(op, 'parameters');
      ctx.fail({
        operationId: op.operationId,
        title: exchange.shrunkTo
          ? 'Valid request refused (shrunk to a smallest case)'
          : 'Valid request refused',
        message: `${requestLine(exchange)} (${exchange.description ?? 'valid input'}) is valid against the spec but was answered ${status}.${
          exchange.shrunkTo
            ? ` Shrunk to the smallest value still refused (${exchange.shrunkTo.description}): ${ctx.curl(exchange.shrunkTo.request)}`
            : ''
        }`,
        expected: 'a 2xx answer',
        actual: describeResponse(exchange.response),
        specPointer: where,
        exchange,
      });
    }
  },
};

import { operation } from '../plan/load-contract.ts';
import { jsonBodySchema } from '../plan/request-shape.ts';
import { operationPointer } from '../plan/spec-pointer.ts';
import { answered, describeResponse, requestLine } from './describe.ts';
import type { Check } from './types.ts';

/** Requests that break the contract in one place are refused with a 4xx. */
export const negativeDataRejection: Check = {
  name: 'negative_data_rejection',
  catches:
    'Invalid input accepted: a missing required field, an unknown field, a wrong type, an over-long or out-of-range value, a malformed id, bad JSON or a wrong Content-Type answered 2xx.',
  drivers: ['negative'],
  mutates: false,
  phase: 'judge',
  async run(ctx) {
    let rateLimited = 0;
    for (const exchange of answered(ctx.exchanges())) {
      if (exchange.purpose !== 'negative') continue;
      const op = operation(ctx.contract, exchange.operationId);
      ctx.judged(op.operationId);
      const status = exchange.response.status;
      if (status === 429) {
        rateLimited++;
        continue;
      }
      if (status >= 400 && status < 500) continue;
      if (status >= 500) continue; // not_a_server_error reports it
      const where = exchange.description?.startsWith('body')
        ? operationPointer(op, 'requestBody')
        : operationPointer(op, 'parameters');
      ctx.fail({
        operationId: op.operationId,
        title: 'Invalid request accepted',
        message: `${requestLine(exchange)} sends ${exchange.description ?? 'invalid input'}, which the spec forbids, and was answered ${status}.`,
        expected: jsonBodySchema(op)
          ? 'a 4xx problem (400 validation_failed naming the field, or 415)'
          : 'a 4xx problem (400 validation_failed)',
        actual: describeResponse(exchange.response),
        specPointer: where,
        exchange,
      });
    }
    if (rateLimited)
      ctx.note(`negative_data_rejection: ${rateLimited} answers were 429 and could not be judged.`);
  },
};

import { operation } from '../plan/load-contract.ts';
import { documentedResponse, documentedStatuses, operationPointer } from '../plan/spec-pointer.ts';
import { answered, describeResponse, requestLine } from './describe.ts';
import type { Check } from './types.ts';

/** Every answer's status is one the operation documents. */
export const statusCodeConformance: Check = {
  name: 'status_code_conformance',
  catches:
    'A status the operation does not document (a 200 where 201 is promised, a 403, a 422 instead of 400).',
  mutates: false,
  phase: 'judge',
  judge(ctx) {
    const missingNoted = new Set<string>();
    for (const exchange of answered(ctx.exchanges())) {
      const op = operation(ctx.contract, exchange.operationId);
      ctx.judged(op.operationId);
      if (documentedResponse(op, exchange.response.status)) continue;
      // A request to an item that does not exist can only be refused as missing: where the
      // operation documents no 404, the description omits it, and the server is not at fault.
      if (exchange.missingItem && exchange.response.status === 404) {
        if (!missingNoted.has(op.operationId))
          ctx.note(
            `${op.operationId} documents no 404, yet ${requestLine(exchange)}, an item that does not exist, answered 404 as it must: the description probably omits the 404.`,
          );
        missingNoted.add(op.operationId);
        continue;
      }
      ctx.fail({
        operationId: op.operationId,
        title: `Undocumented status ${exchange.response.status}`,
        message: `${requestLine(exchange)} answered ${exchange.response.status}, which ${op.operationId} does not document.`,
        expected: `one of ${documentedStatuses(op).join(', ')}`,
        actual: describeResponse(exchange.response),
        specPointer: operationPointer(op, 'responses'),
        exchange,
      });
    }
  },
};

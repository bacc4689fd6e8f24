import type { JudgeContext } from '../../../../contracts/check-context.ts';
import { describeResponse, requestLine } from '../../../../contracts/checks/describe.ts';
import { operationPointer } from '../../../../contracts/plan/spec-pointer.ts';
import type { Exchange } from '../../../../contracts/types.ts';
import type { SpecOperation } from '../../../../mock/openapi/operations.ts';

/** The problem codes an operation's description promises with its 409 (`409` (`code: topic_in_use`)). */
export function promisedConflicts(op: SpecOperation): string[] {
  return [...(op.operation.description ?? '').matchAll(/`?code: ([a-z_]+)`?/g)].map((m) => m[1] ?? '');
}

/** Expects a 409 with one of the codes the operation's description promises. */
export function expectConflict(ctx: JudgeContext, op: SpecOperation, exchange: Exchange, why: string): void {
  const codes = promisedConflicts(op);
  const res = exchange.response;
  const code = (res?.json as { code?: string } | undefined)?.code;
  if (res?.status === 409 && (codes.length === 0 || (code !== undefined && codes.includes(code)))) return;
  ctx.fail({
    operationId: op.operationId,
    title: res?.status === 409 ? '409 with the wrong problem code' : 'Missing 409 Conflict',
    message: `${requestLine(exchange)} ${why}; the spec promises a 409 here.`,
    expected: codes.length ? `409 with code ${codes.join(' or ')}` : '409',
    actual: describeResponse(res, exchange.error),
    specPointer: operationPointer(op, 'responses', '409'),
    exchange,
  });
}

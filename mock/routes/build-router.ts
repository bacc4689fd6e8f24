import { type RequestHandler, Router } from 'express';
import type { MockContext } from '../context.ts';
import { jsonBody } from '../http/json-body.ts';
import { answerOperations, takesJson } from './answer-operation.ts';
import { respond } from './respond.ts';

/** `/qa/{id}` of the spec as Express 5 writes it, `/qa/:id`. */
export function expressPath(specPath: string): string {
  return specPath.replace(/\{(\w+)\}/g, ':$1');
}

/**
 * One route per operation of the spec: rate limit -> read a JSON body -> the operation's pipeline
 * (answerOperations: authenticate, scenario, validate, handle) -> validate and send the reply.
 * Every stage throws HttpProblem to refuse; the app's one error handler renders it.
 */
export function buildRouter(ctx: MockContext, limiters: Map<string, RequestHandler>): Router {
  const router = Router({ caseSensitive: true, strict: false });
  const answers = answerOperations(ctx);
  for (const op of ctx.operations.values()) {
    const answer = answers.get(op.operationId);
    if (!answer) continue;
    const policy = op.rateLimitPolicy ?? ctx.extensions.rateLimits?.defaultPolicy ?? 'none';
    const limiter = policy === 'none' ? undefined : limiters.get(policy);
    const stages: RequestHandler[] = limiter ? [limiter] : [];
    if (takesJson(op)) stages.push(jsonBody);
    stages.push(async (req, res) => respond(op, await answer(req), res, ctx));
    // Full paths on a router mounted at the root: a mount point would cost a prefix strip per request.
    router[op.method as 'get' | 'post' | 'put' | 'patch' | 'delete'](
      ctx.basePath + expressPath(op.path),
      ...stages,
    );
  }
  return router;
}

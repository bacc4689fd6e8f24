import type { MockContext } from '../context.ts';
import { HttpProblem, routeNotFound } from '../http/problem.ts';
import { requestIdOf } from '../http/request-id.ts';
import type { MockCore } from '../mock-core.ts';
import type { SpecOperation } from '../openapi/operations.ts';
import { answerOperations, type OperationAnswer, takesJson } from '../routes/answer-operation.ts';
import { corsPolicy } from './cors.ts';
import type { CoreRequest, CoreResponse } from './exchange.ts';
import { MAX_URL_BYTES } from './limits.ts';
import { logRequest } from './log-request.ts';
import { isJsonType, mockRequestOf } from './mock-request-of.ts';
import { type RateLimitStep, rateLimiters } from './rate-limit.ts';
import { readJsonBody } from './read-body.ts';
import { renderProblem } from './render-problem.ts';
import { renderReply } from './render-reply.ts';
import { routeOperations } from './route.ts';

/**
 * A route outside the contract's operations that the place the mock runs in adds (the docs page
 * and the contract files on a server, the admin routes): answers undefined for paths not its own.
 */
export type ExtraRoute = (
  req: CoreRequest,
  path: string,
  headers: Record<string, string>,
) => Promise<CoreResponse | undefined> | CoreResponse | undefined;

export interface HandleOptions {
  /** Headers every response of the API carries (the security headers of a server). */
  headers?: [string, string][];
  extraRoutes?: ExtraRoute[];
}

/** The mock as one function from a request to a response. `fallthrough` answers undefined where no route matches. */
export type HandleRequest = {
  (req: CoreRequest): Promise<CoreResponse>;
  (req: CoreRequest, fallthrough: true): Promise<CoreResponse | undefined>;
};

/**
 * The whole mock, with no transport: request id -> URL limit -> CORS -> route -> rate limit ->
 * read the body within its limit -> the operation's pipeline (auth, Prefer, validation,
 * constraints, the handler) -> check and render the reply; every refusal, from any stage, is
 * rendered once as the contract's problem. Node's server, MSW in Node and in a browser, in-process
 * tests and a team's Express app all call this same function through thin adapters (mock/adapters/).
 */
export function createRequestHandler(
  core: Pick<MockCore, 'ctx' | 'handlers'>,
  options: HandleOptions = {},
): HandleRequest {
  const { ctx } = core;
  const answers = answerOperations(ctx, core.handlers);
  const route = routeOperations(ctx.operations.values(), ctx.basePath);
  const cors = corsPolicy(ctx.extensions.cors, ctx.options, (message) => ctx.logger.warn(message));
  const limiterOf = limitersByOperation(ctx);
  const jsonBodies = new Set([...ctx.operations.values()].filter(takesJson).map((op) => op.operationId));
  const fixed = options.headers ?? [];
  const extras = options.extraRoutes ?? [];
  const logs = ctx.logger.isLevelEnabled('info');

  async function handle(req: CoreRequest, fallthrough?: true): Promise<CoreResponse | undefined> {
    const started = logs ? performance.now() : 0;
    const requestId = requestIdOf(req.headers['x-request-id']);
    const headers: Record<string, string> = {};
    for (const [name, value] of fixed) headers[name] = value;
    headers['X-Request-Id'] = requestId;
    const q = req.url.indexOf('?');
    const path = q === -1 ? req.url : req.url.slice(0, q);
    let op: SpecOperation | undefined;
    let response: CoreResponse | undefined;
    try {
      if (req.url.length > MAX_URL_BYTES)
        throw new HttpProblem('uri_too_long', `The URL may be at most ${MAX_URL_BYTES} bytes.`);
      const decision = cors(req.method, req.headers);
      if (decision.kind !== 'none') for (const [name, value] of decision.headers) headers[name] = value;
      if (decision.kind === 'preflight') {
        headers['Content-Length'] = '0';
        response = { status: 204, headers };
      } else {
        const search = q === -1 ? '' : req.url.slice(q + 1);
        const found = route(req.method, path, search);
        if (found) {
          op = found.op;
          response = await answerOperation(found.op, found.params, search, req, headers);
        } else {
          for (const extra of extras) {
            response = await extra(req, path, headers);
            if (response) break;
          }
          if (!response && fallthrough) return undefined;
          if (!response) throw routeNotFound(req.method, path, ctx.basePath);
        }
      }
    } catch (error) {
      response = renderProblem(error, { op, path, requestId, headers, ctx });
    }
    if (logs) logRequest(ctx.logger, req, response.status, performance.now() - started, requestId);
    return response;
  }

  async function answerOperation(
    op: SpecOperation,
    params: Record<string, string>,
    search: string,
    req: CoreRequest,
    headers: Record<string, string>,
  ): Promise<CoreResponse> {
    const limit = limiterOf.get(op.operationId);
    limit?.(req.client, headers);
    const declared = req.headers['content-length'];
    let hasBody =
      (declared !== undefined && declared !== '0') || req.headers['transfer-encoding'] !== undefined;
    let body: unknown;
    const mediaType = req.headers['content-type'];
    // A body of another type is left unread: validation refuses it as 415, naming the types taken.
    if (hasBody && jsonBodies.has(op.operationId) && isJsonType(mediaType)) {
      body = await readJsonBody(req.body, req.headers);
      hasBody = body !== undefined;
    }
    const mockRequest = mockRequestOf(req, params, search, body, hasBody);
    const reply = await (answers.get(op.operationId) as OperationAnswer)(mockRequest);
    return renderReply(op, reply, headers, ctx);
  }

  return handle as HandleRequest;
}

/** Each operation's rate-limit step, by its `x-rate-limit` policy or the contract's default. */
function limitersByOperation(ctx: MockContext): Map<string, RateLimitStep> {
  const limiters = rateLimiters(ctx.extensions.rateLimits, ctx.options.rateLimit);
  const byOperation = new Map<string, RateLimitStep>();
  for (const op of ctx.operations.values()) {
    const policy = op.rateLimitPolicy ?? ctx.extensions.rateLimits?.defaultPolicy ?? 'none';
    const step = policy === 'none' ? undefined : limiters.get(policy);
    if (step) byOperation.set(op.operationId, step);
  }
  return byOperation;
}

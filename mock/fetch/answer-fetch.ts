import type { MockContext } from '../context.ts';
import { HttpProblem, routeNotFound } from '../http/problem.ts';
import { requestIdOf } from '../http/request-id.ts';
import { answerOperations } from '../routes/answer-operation.ts';
import { checkReply, checksReply, JSON_TYPE } from '../routes/check-reply.ts';
import type { Reply } from '../routes/reply.ts';
import { readRequest } from './read-request.ts';
import { routeOperations } from './route-operations.ts';

/** What a Response is made from (the DOM's BodyInit, without the DOM library). */
type ResponseBody = ConstructorParameters<typeof Response>[0];

/**
 * The mock as a fetch handler, `(Request) => Promise<Response>`, with no server and nothing of
 * Node's: what MSW's service worker calls in a browser. The same operation pipelines as the server
 * (auth, Prefer, validation, the engine and the profile, the checked answer) behind a router and a
 * body reader of its own. What only a server has is left out: CORS (a worker's answer is never
 * cross-origin), rate limits, the docs page and the /__mock routes (the handle has reset()).
 */
export function fetchAnswerer(ctx: MockContext): (request: Request) => Promise<Response> {
  const answers = answerOperations(ctx);
  const route = routeOperations(ctx.operations.values(), ctx.basePath);
  return async (request) => {
    const url = new URL(request.url);
    const requestId = requestIdOf(request.headers.get('x-request-id'));
    const headers = new Headers({ 'X-Request-Id': requestId });
    try {
      const found = route(request.method, url.pathname);
      if (!found) throw routeNotFound(request.method, url.pathname, ctx.basePath);
      const { op, params } = found;
      const reply = await (answers.get(op.operationId) as NonNullable<ReturnType<typeof answers.get>>)(
        await readRequest(request, url, op, params),
      );
      if (checksReply(reply, ctx)) {
        const breaches = checkReply(op, reply, ctx, (name) => headers.has(name));
        if (breaches.length > 0) {
          ctx.logger.error({ operationId: op.operationId, breaches }, 'mock answer broke the contract');
          throw new HttpProblem(
            'internal_error',
            `The mock's answer to ${op.operationId} broke the contract: ${breaches.join('; ')}`,
          );
        }
      }
      return toResponse(reply, headers, request.method === 'HEAD', ctx);
    } catch (error) {
      const problem = error instanceof HttpProblem ? error : unexpected(error, ctx);
      for (const [name, value] of Object.entries(problem.headers)) headers.set(name, value);
      headers.set('Content-Type', 'application/problem+json');
      const body = problem.toBody(url.pathname, requestId, ctx.problemTypes);
      return new Response(JSON.stringify(body), { status: problem.status, headers });
    }
  };
}

function toResponse(reply: Reply, headers: Headers, head: boolean, ctx: MockContext): Response {
  for (const [name, value] of Object.entries(reply.headers ?? {})) headers.set(name, value);
  if ('file' in reply)
    throw new HttpProblem(
      'internal_error',
      'A file kept on disk can only be sent by the server: in-process mocks keep files in memory.',
    );
  const empty = head || reply.status === 204 || reply.status === 304;
  if ('raw' in reply) {
    headers.set('Content-Type', reply.raw.mediaType);
    return new Response(empty ? null : (reply.raw.bytes as ResponseBody), { status: reply.status, headers });
  }
  if (reply.body === undefined) return new Response(null, { status: reply.status, headers });
  headers.set('Content-Type', JSON_TYPE);
  return new Response(empty ? null : (ctx.records.json(reply.body) as ResponseBody), {
    status: reply.status,
    headers,
  });
}

function unexpected(error: unknown, ctx: MockContext): HttpProblem {
  ctx.logger.error({ err: error }, 'unexpected error');
  return new HttpProblem(
    'internal_error',
    'Something went wrong on our side. Quote the request id when you report it.',
  );
}

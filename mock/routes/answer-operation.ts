import { authenticator } from '../auth/authenticate.ts';
import type { MockContext } from '../context.ts';
import { actionHandlers } from '../engine/action-handlers.ts';
import { answerFromExamples, exampleAnswer } from '../engine/answer-from-examples.ts';
import { crudHandlers } from '../engine/crud-handlers.ts';
import { expressesRefusals, inexpressibleRefusals, problemHeader } from '../engine/shape-refusal.ts';
import { HttpProblem } from '../http/problem.ts';
import type { SpecOperation } from '../openapi/operations.ts';
import { parsePrefer, preferredReply } from '../scenario/prefer.ts';
import { constraintCheck } from '../validate/check-constraints.ts';
import { validateRequest } from '../validate/validate-request.ts';
import type { Handler } from './handler.ts';
import { ListMemo } from './list-memo.ts';
import type { MockRequest } from './mock-request.ts';
import type { Reply } from './reply.ts';

/** One operation's answer to a request that reached it: a reply, or a thrown HttpProblem. */
export type OperationAnswer = (req: MockRequest) => Promise<Reply>;

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/**
 * Every operation's pipeline after routing, the same for the server and the browser: authenticate
 * -> scenario (Prefer, chaos) -> validate the request (each field, then the operation's
 * `x-constraints` across fields) -> handle. Each stage throws HttpProblem to refuse. What comes
 * before (rate limits, CORS, body reading) and after (checking and sending the reply) belongs to
 * the transport: Express on the server, the fetch answerer in a browser. `profileHandlers` are the
 * profile's, by operation id; they take the place of the engine's own.
 */
export function answerOperations(
  ctx: MockContext,
  profileHandlers: Record<string, Handler>,
): Map<string, OperationAnswer> {
  const { handlers, lists } = handlersByOperation(ctx, profileHandlers);
  const answers = new Map<string, OperationAnswer>();
  for (const op of ctx.operations.values()) {
    const handler = handlers.get(op.operationId) ?? answerFromExamples(op);
    const guard = authenticator(op, ctx);
    const checkConstraints = constraintCheck(op, ctx);
    const collection = lists.get(op.operationId);
    const memo = collection === undefined ? undefined : new ListMemo(() => ctx.store.version(collection));
    const pipeline: OperationAnswer = async (req) => {
      const checked = guard.protects ? guard.authenticate(req) : undefined;
      // Awaited only for a token not seen before: a known one is answered without a turn.
      const user = checked instanceof Promise ? await checked : checked;
      const prefer = req.headers.prefer;
      const prefs = parsePrefer(Array.isArray(prefer) ? prefer.join(',') : prefer);
      // Awaited only when there is something to wait for: an await costs a turn of the event loop.
      if (prefs.delay !== undefined || ctx.options.latency[1] > 0 || ctx.options.errorRate > 0)
        await scenario(op, prefs.delay, ctx);
      const preferred = preferredReply(op, prefs, ctx);
      if (preferred) return preferred;
      const answer = () => {
        const input = validateRequest(op, req, ctx.validator);
        checkConstraints?.(input);
        return handler({ input, req, user, ctx });
      };
      // A Prefer header may ask for anything: such a request is answered afresh, and not kept.
      if (!memo || prefer !== undefined) return answer();
      const key = memoKey(req);
      return memo.get(key) ?? memo.remember(key, answer);
    };
    answers.set(op.operationId, expressesRefusals(op) ? pipeline : answeringRefusals(op, pipeline, ctx));
  }
  return answers;
}

/**
 * A list request's key: its query as sent, its path parameters (a nested list's parent) and its
 * Accept (an operation that documents several media types answers the one asked for).
 */
function memoKey(req: MockRequest): string {
  const accept = req.headers.accept;
  let key = `${req.search}\u0000${Array.isArray(accept) ? accept.join(',') : (accept ?? '')}`;
  for (const name in req.params) key += `\u0000${String(req.params[name])}`;
  return key;
}

/**
 * An operation whose contract documents no refusal (no 4xx, `4XX` or `default`) answers a request
 * it refuses (invalid input, a missing item or credential) with its documented success, as Prism
 * answers any id: a strict client generated from the contract can decode nothing else (a missing
 * credential excepted: that stays a 401). The refusal
 * is not hidden: it is said in an `X-Mock-Problem` header and a log line, and the start-up log
 * lists these operations once.
 */
function answeringRefusals(op: SpecOperation, pipeline: OperationAnswer, ctx: MockContext): OperationAnswer {
  const success = exampleAnswer(op);
  return async (req) => {
    try {
      return await pipeline(req);
    } catch (error) {
      // A missing or wrong credential stays a 401: the operation's security requires one, and a
      // mock that answers without it would hide a login the page forgot (Prism answers 401 too).
      if (
        !(error instanceof HttpProblem) ||
        error.status < 400 ||
        error.status >= 500 ||
        error.status === 401
      )
        throw error;
      const said = problemHeader({
        status: error.status,
        code: error.code,
        detail: error.message,
        errors: error.errors,
      });
      ctx.logger.warn(
        `${op.operationId}: its contract documents no refusal, so ${said} is answered with its success`,
      );
      const reply = success(ctx, req.headers.accept);
      return { ...reply, headers: { ...reply.headers, 'X-Mock-Problem': said } };
    }
  };
}

/**
 * Who answers each operation: the profile where it has a handler, else the collection the
 * operation belongs to, else (answerFromExamples) the contract's examples, said once in the log.
 * `lists` names the collection of each list the engine answers from the store alone (no header or
 * cookie parameter to answer by), whose replies a ListMemo may keep.
 */
function handlersByOperation(
  ctx: MockContext,
  profileHandlers: Record<string, Handler>,
): {
  handlers: Map<string, Handler>;
  lists: Map<string, string>;
} {
  const handlers = new Map<string, Handler>();
  const lists = new Map<string, string>();
  for (const resource of ctx.resources)
    for (const [role, handler] of Object.entries(crudHandlers(resource, ctx))) {
      const op = resource.operations[role as keyof typeof resource.operations];
      if (!op || !handler) continue;
      handlers.set(op.operationId, handler);
      if (role === 'list' && op.parameters.every((p) => p.in === 'query' || p.in === 'path'))
        lists.set(op.operationId, resource.name);
    }
  for (const resource of ctx.resources)
    for (const [id, handler] of actionHandlers(resource, ctx)) {
      handlers.set(id, handler);
      lists.delete(id);
    }
  for (const [id, handler] of Object.entries(profileHandlers))
    if (ctx.operations.has(id)) {
      handlers.set(id, handler);
      lists.delete(id);
    }
  const inexpressible = inexpressibleRefusals(ctx.operations.values());
  // One line, however large the contract: the first names and a count.
  if (inexpressible.length > 0)
    ctx.logger.info(
      `refusals answered with the documented success, as the contract documents no 4xx or default answer (the refusal in an X-Mock-Problem header) on ${inexpressible.length} operation(s): ${inexpressible.slice(0, 20).join(', ')}${inexpressible.length > 20 ? ', …' : ''}`,
    );
  const fromExamples = [...ctx.operations.keys()].filter((id) => !handlers.has(id));
  if (fromExamples.length > 0)
    ctx.logger.info(
      `answered from the contract's examples (no collection or profile serves them): ${fromExamples.join(', ')}`,
    );
  return { handlers, lists };
}

/**
 * Latency (MOCK_LATENCY and `Prefer: delay=`) and chaos (MOCK_ERROR_RATE). Chaos spares the health
 * check and the auth operations, so that a frontend under test can still start and log in.
 */
async function scenario(
  op: SpecOperation,
  preferredDelay: number | undefined,
  ctx: MockContext,
): Promise<void> {
  if (op.tags.includes('health') || /health/i.test(op.path)) return;
  const [min, max] = ctx.options.latency;
  const delay = preferredDelay ?? (max > 0 ? min + Math.random() * (max - min) : 0);
  if (delay > 0) await sleep(delay);
  if (op.tags.includes('auth')) return;
  if (ctx.options.errorRate > 0 && Math.random() < ctx.options.errorRate) {
    throw new HttpProblem(
      'internal_error',
      'Forced by MOCK_ERROR_RATE (chaos): retry, and show the user a friendly error.',
    );
  }
}

/** True when the operation's contract takes a JSON request body. */
export function takesJson(op: SpecOperation): boolean {
  const body = op.operation.requestBody as { content?: Record<string, unknown> } | undefined;
  return Object.keys(body?.content ?? {}).some(
    (type) => type === 'application/json' || type.endsWith('+json'),
  );
}

import type { MockUser as User } from '../auth/user.ts';
import type { MockContext } from '../context.ts';
import type { ValidRequest } from '../validate/validate-request.ts';
import type { MockRequest } from './mock-request.ts';
import type { Reply } from './reply.ts';

// Apart from reply.ts: a handler is given the mock's context, and the context's file keeper
// answers with a Reply; with both in one module, the context and the replies would import each other.

/** Everything a handler may use: the validated request, who made it, and the mock's state. */
export interface HandlerInput {
  input: ValidRequest;
  req: MockRequest;
  user: User | undefined;
  ctx: MockContext;
}

export type Handler = (request: HandlerInput) => Reply | Promise<Reply>;

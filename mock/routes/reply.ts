import type { MockUser as User } from '../auth/user.ts';
import type { MockContext } from '../context.ts';
import type { ValidRequest } from '../validate/validate-request.ts';
import type { MockRequest } from './mock-request.ts';

/** What a handler answers; the pipeline validates it against the contract and sends it. */
export type Reply =
  | {
      status: number;
      body?: unknown;
      headers?: Record<string, string>;
      /** An example the contract wrote that no value could replace: sent as written, not checked. */
      unchecked?: boolean;
    }
  | { status: number; raw: { bytes: Uint8Array; mediaType: string }; headers?: Record<string, string> }
  | { status: 200; file: KeptFile; headers?: Record<string, string> };

/** A kept file to send: from a server's disk (streamed by the adapter) or from a page's memory. */
export type KeptFile = { mediaType: string; name: string } & (
  | { path: string; size(): Promise<number> }
  | { bytes: Uint8Array }
);

/** Everything a handler may use: the validated request, who made it, and the mock's state. */
export interface HandlerInput {
  input: ValidRequest;
  req: MockRequest;
  user: User | undefined;
  ctx: MockContext;
}

export type Handler = (request: HandlerInput) => Reply | Promise<Reply>;

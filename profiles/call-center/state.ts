import type { Handler, HandlerInput } from '../../mock/routes/handler.ts';
import type { Reply } from '../../mock/routes/reply.ts';
import type { CallSimulator } from './calls/call-simulator.ts';
import type { CallCenterData } from './store/call-center-data.ts';

/**
 * What the call-center profile attaches to a mock: its data and the simulator that places calls. The
 * data lives in store/call-center-data.ts so that the simulator, which writes to it, need not import
 * this module back.
 */
export interface CallCenterState {
  data: CallCenterData;
  simulator: CallSimulator;
}

/** A handler over the call center's state: given it typed, as the profile attached it. */
export type CallCenterHandler = (request: HandlerInput, state: CallCenterState) => Reply | Promise<Reply>;

/** The engine's handlers: each of `handlers` with the state of one mock bound in. */
export function bindHandlers(
  handlers: Record<string, CallCenterHandler>,
  state: CallCenterState,
): Record<string, Handler> {
  return Object.fromEntries(
    Object.entries(handlers).map(([id, handler]): [string, Handler] => [
      id,
      (input) => handler(input, state),
    ]),
  );
}

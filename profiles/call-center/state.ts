import type { MockContext } from '../../mock/context.ts';
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

/** The call center's state of a mock, as its profile attached it. */
export function callCenter(ctx: MockContext): CallCenterState {
  return ctx.profile.state as CallCenterState;
}

import type { RunnerProfile } from '../../../contracts/profile.ts';
import { defaultOptions } from '../../../mock/options.ts';
import { conflict } from './checks/conflict.ts';
import { consistency } from './checks/consistency.ts';
import { callCenterRealWorld } from './real-world.ts';

const DEMO = defaultOptions();

/**
 * The call center's half for the contract runner, registered as any team registers its own
 * (`runContract({ profiles })`, `--profile`): the checks that know its domain (duplicate topics
 * and live calls answer 409; statistics agree with the calls listed), the demo login of
 * `npm start`, and its calls to test numbers. `npm run contract` is profiles/call-center/runner/cli.ts.
 */
export const callCenterRunner: RunnerProfile = {
  name: 'call-center',
  checks: [
    // conflict runs first after the flows, while their call is live, so that it serves the 409s
    // of a live call; consistency waits for that call's end to delete its history, in the lane
    // of the checks that wait for it (run-lanes.ts), beside the others.
    { ...conflict, runsBefore: 'ignored_auth' },
    { ...consistency, runsBefore: 'cors' },
  ],
  // The demo user of `npm start` (MOCK_USER_EMAIL, MOCK_USER_PASSWORD), whose one home is the mock's options.
  login: { email: DEMO.userEmail, password: DEMO.userPassword },
  realWorld: callCenterRealWorld,
};

export default callCenterRunner;

import { createMockHandlers as engineHandlers, type MockHandlers } from '../../mock/msw-handlers.ts';
import type { Profile } from '../../mock/profile.ts';
import { type CallCenterStartOptions, withCallCenter } from './with-call-center.ts';

// Apart from package.ts, which a test run's global setup imports without MSW installed: this
// entry (`ai-call-center-mock/msw`) is the only one of Node's that imports msw.
export type { MockHandlers } from '../../mock/msw-handlers.ts';

/** The engine's MSW handlers for Node, with this package's contract and its profile. */
export function createMockHandlers<const P extends readonly Profile[] = readonly []>(
  options: CallCenterStartOptions<P> & { origin?: string } = {},
  specPath?: string,
): Promise<MockHandlers> {
  return engineHandlers(withCallCenter(options), specPath);
}

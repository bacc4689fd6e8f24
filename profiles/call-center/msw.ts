import { createMockHandlers as engineHandlers, type MockHandlers } from '../../mock/msw-handlers.ts';
import type { StartOptions } from '../../mock/start-mock.ts';
import { withCallCenter } from './with-call-center.ts';

// Apart from package.ts, which a test run's global setup imports without MSW installed: this
// entry (`ai-call-center-mock/msw`) is the only one of Node's that imports msw.
export type { MockHandlers } from '../../mock/msw-handlers.ts';

/** The engine's MSW handlers for Node, with this package's contract and its profile. */
export function createMockHandlers(
  options: StartOptions & { origin?: string } = {},
  specPath?: string,
): Promise<MockHandlers> {
  return engineHandlers(withCallCenter(options), specPath);
}

import {
  type BrowserMockOptions,
  createBrowserMockHandlers as engineBrowser,
} from '../../mock/msw-browser.ts';
import { callCenterProfile } from './index.ts';
import type { CallCenterOptions } from './options.ts';
import { withCallCenter } from './with-call-center.ts';

export type { BrowserMock, BrowserMockOptions } from '../../mock/msw-browser.ts';
export { callCenterProfile };

/**
 * How many calls the page seeds unless `calls` says: a tenth of a server's 5000. A first visit
 * waits for the seed, and seeding 5000 calls was most of it (`npm run bench -- --only browser`).
 */
const PAGE_CALLS = 500;

/**
 * The engine's browser handlers, with this package's contract (bundled in) and its profile, seeding
 * PAGE_CALLS calls by default.
 */
export function createBrowserMockHandlers(
  options: BrowserMockOptions & Partial<CallCenterOptions> = {},
): ReturnType<typeof engineBrowser> {
  return engineBrowser(withCallCenter({ calls: PAGE_CALLS, ...options }));
}

import {
  type BrowserMockOptions,
  createBrowserMockHandlers as engineBrowser,
} from '../../mock/msw-browser.ts';
import { callCenterProfile } from './index.ts';

export type { BrowserMock, BrowserMockOptions } from '../../mock/msw-browser.ts';
export { callCenterProfile };

/** The engine's browser handlers, with this package's contract (bundled in) and its profile. */
export function createBrowserMockHandlers(
  options: BrowserMockOptions = {},
): ReturnType<typeof engineBrowser> {
  return engineBrowser({ ...options, profiles: [...(options.profiles ?? []), callCenterProfile] });
}

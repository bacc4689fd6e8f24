import type { StartOptions } from '../../mock/start-mock.ts';
import { callCenterProfile } from './index.ts';

/** The call center's profile beside whatever the caller registers: the public API, used as a team uses it. */
export const withCallCenter = <T extends { profiles?: StartOptions['profiles'] }>(options: T): T => ({
  ...options,
  profiles: [...(options.profiles ?? []), callCenterProfile],
});

import type { Profile } from '../../mock/profile.ts';
import type { StartOptions } from '../../mock/start-mock.ts';
import { callCenterProfile } from './index.ts';

/**
 * What this package's entries take: the engine's options, the call center's (`calls`, `callSpeed`)
 * and those of any profile the caller registers beside it.
 */
export type CallCenterStartOptions<P extends readonly Profile[] = readonly []> = StartOptions<
  P,
  [typeof callCenterProfile]
>;

/** The call center's profile beside whatever the caller registers: the public API, used as a team uses it. */
export const withCallCenter = <T extends { profiles?: readonly Profile[] | undefined }>(
  options: T,
): T & { profiles: Profile[] } => ({
  ...options,
  profiles: [...(options.profiles ?? []), callCenterProfile],
});

import type { Profile } from '../mock/profile.ts';
import { callCenterProfile } from './call-center/index.ts';

/** The profiles this toolkit ships, by the name a contract's top-level `x-mock.profile` gives. */
export const PROFILES: Profile[] = [callCenterProfile];

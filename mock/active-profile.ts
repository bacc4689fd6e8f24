import type { Faker } from '@faker-js/faker';
import type { FakerHints } from './engine/generate-value.ts';

/** Who `MOCK_AUTH=off` and the auth operations stand for: a profile's demo user, or the engine's own. */
export interface DemoUser {
  id: string;
  name: string;
  role: string;
}

/**
 * The profile in force for one mock, as the mock's context carries it: what the engine reads of it
 * (its faker, hints and demo user) with its hooks already bound to the state the profile attached.
 * The state itself stays the profile's: its handlers and hooks close over it, typed by the profile.
 */
export interface ActiveProfile {
  /** The profile's name; undefined when the contract asks for none. */
  name: string | undefined;
  createFaker(seed: number): Faker;
  fakerHints: FakerHints;
  /** The profile's demo user; undefined when it names none (the engine's generic user stands in). */
  demoUser: DemoUser | undefined;
  /** The profile's fields of `GET /__mock/state`. */
  adminState(): Record<string, unknown>;
}

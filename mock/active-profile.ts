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
 * (its faker, hints, demo user and state) with its hooks already bound to that context. It holds no
 * Profile: a Profile's hooks take the context, so a context holding one would make the two types
 * import each other (profile.ts keeps the plug-in's interface, the core binds it here).
 */
export interface ActiveProfile {
  /** The profile's name; undefined when the contract asks for none. */
  name: string | undefined;
  createFaker(seed: number): Faker;
  fakerHints: FakerHints;
  /** The profile's demo user; undefined when it names none (the engine's generic user stands in). */
  demoUser: DemoUser | undefined;
  /** What the profile's `attach` answered: its own state, read back by its handlers. */
  state: unknown;
  /** The profile's fields of `GET /__mock/state`. */
  adminState(): Record<string, unknown>;
}

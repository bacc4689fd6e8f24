import type { Faker } from '@faker-js/faker';
import type { Logger } from 'pino';
import type { DemoUser } from './active-profile.ts';
import type { MockContext } from './context.ts';
import type { FakerHints } from './engine/generate-value.ts';
import type { FileKeeper } from './files/file-keeper.ts';
import type { MockOptions } from './options.ts';
import type { Handler } from './routes/handler.ts';
import type { Snapshot } from './store/store.ts';

/** What a profile's seed is given: the seed, the seed day and the mock's options (counts among them). */
export interface SeedRequest {
  seed: number;
  /** Midnight UTC of the seed day. */
  endMs: number;
  options: MockOptions;
  /** Where the files the seed makes (uploaded content) are kept, one per record id. */
  files: FileKeeper;
  logger: Logger;
}

/**
 * Domain behaviour that no contract can state (how a call progresses, how statistics add up),
 * registered through this interface by a profile folder that the engine never imports. A document
 * asks for a profile with the top-level `x-mock: { profile: NAME }`; the mock's entry point hands
 * the engine the profiles it knows. Every member but `name` is optional.
 */
export interface Profile {
  name: string;
  /** Operations the profile answers itself, by operationId; ids the spec lacks are ignored. */
  handlers?: Record<string, Handler>;
  /** A seeded faker in the profile's locale (default: faker's English data). */
  createFaker?(seed: number): Faker;
  /** Faker hints beyond faker's own methods (`x-faker: phone.uzbek`). */
  fakerHints?: FakerHints;
  /** Collections the profile keeps even where the spec's paths do not show them as collections. */
  collections?: string[];
  /** The demo user the auth operations log in, and the user of `MOCK_AUTH=off`. */
  demoUser?: DemoUser;
  /** Seed records of the profile's collections; the engine generates the others and conforms all. */
  seed?(request: SeedRequest): Promise<Snapshot> | Snapshot;
  /** Builds the profile's state over the store (indexes, simulators); called once, before seeding. */
  attach?(ctx: MockContext): unknown;
  /** After a persisted state is loaded (live calls of a stopped mock end as failed). */
  afterRestore?(ctx: MockContext): void;
  /** Fields added to `GET /__mock/state`. */
  adminState?(ctx: MockContext): Record<string, unknown>;
  stop?(ctx: MockContext): void;
}

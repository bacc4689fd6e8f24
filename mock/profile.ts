import type { Faker } from '@faker-js/faker';
import type { Logger } from 'pino';
import type { DemoUser } from './active-profile.ts';
import type { FakerHints } from './engine/generate-value.ts';
import type { EventBus } from './events/event-bus.ts';
import type { FileKeeper } from './files/file-keeper.ts';
import type { SpecOperation } from './openapi/operations.ts';
import type { OptionList, OptionValues } from './option-table.ts';
import type { Handler } from './routes/handler.ts';
import type { Persistence } from './store/persistence.ts';
import type { Snapshot, Store } from './store/store.ts';

/** What a profile's seed is given: the seed, the seed day, the collections' sizes and its own options. */
export interface SeedRequest<O = Record<string, unknown>> {
  seed: number;
  /** Midnight UTC of the seed day. */
  endMs: number;
  /** Records per collection that MOCK_COUNTS or a reseed names; a collection left out takes its default. */
  counts: Readonly<Record<string, number>>;
  /** The profile's own options (its `options` table), with their defaults applied. */
  options: Readonly<O>;
  /** Where the files the seed makes (uploaded content) are kept, one per record id. */
  files: FileKeeper;
  logger: Logger;
}

/** What a profile's `attach` is given: the parts of the mock its state is built over, and nothing else. */
export interface AttachInput<O = Record<string, unknown>> {
  store: Store;
  events: EventBus;
  operations: ReadonlyMap<string, SpecOperation>;
  /** The durable state (MOCK_DB); undefined when the state lives in memory only. */
  persistence: Persistence | undefined;
  /** The profile's own options, with their defaults applied. */
  options: Readonly<O>;
  /** The seed in force: the `seed` option until a reseed (`POST /__mock/seed`) names another. */
  seed(): number;
  now(): number;
  logger: Logger;
}

/**
 * What a profile attached to one mock gives back: its handlers bound to its own state (which the
 * engine never sees, so never has to type), and the hooks of that state.
 */
export interface AttachedProfile {
  /** Operations answered over the profile's state, by operationId (beside and over `handlers`). */
  handlers?: Record<string, Handler>;
  /** After a persisted state is loaded (live calls of a stopped mock end as failed). */
  afterRestore?(): void;
  /** Fields added to `GET /__mock/state`. */
  adminState?(): Record<string, unknown>;
  /** Stops the state's timers: before a reseed and at close. */
  stop?(): void;
}

/**
 * Domain behaviour that no contract can state (how a call progresses, how statistics add up),
 * registered through this interface by a profile folder that the engine never imports. A document
 * asks for a profile with the top-level `x-mock: { profile: NAME }`; the mock's entry point hands
 * the engine the profiles it knows. Every member but `name` is optional. `T` is the profile's
 * table of options (`as const`), so that its seed and attach read them typed.
 */
export interface Profile<T extends OptionList = OptionList> {
  name: string;
  /**
   * The profile's own options, declared as the engine's are (mock/option-table.ts): the CLI adds
   * their flags and variables, --help and docs/mock.md list them, startMock takes them by key.
   */
  options?: T;
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
  seed?(request: SeedRequest<OptionValues<T>>): Promise<Snapshot> | Snapshot;
  /** Builds the profile's state over the store (indexes, simulators); called once, before seeding. */
  attach?(input: AttachInput<OptionValues<T>>): AttachedProfile;
}

/** The option definitions a profile type declares (none for a profile without a table). */
type OptionsOf<Q> = Q extends Profile<infer T> ? T[number] : never;

/**
 * The values of the options of every profile in `P`, by key: what startMock takes beside the
 * engine's options when those profiles are registered (`{ calls: 50 }` with the call center's).
 */
export type ProfileOptionValues<P extends readonly Profile[]> = OptionValues<readonly OptionsOf<P[number]>[]>;

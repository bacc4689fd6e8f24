import type { Faker } from '@faker-js/faker';
import type { Logger } from 'pino';
import type { ActiveProfile } from './active-profile.ts';
import type { TokenService } from './auth/tokens.ts';
import type { MockUser as User } from './auth/user.ts';
import type { Resource } from './engine/describe-resources.ts';
import type { EventBus } from './events/event-bus.ts';
import type { FileKeeper } from './files/file-keeper.ts';
import type { ContractExtensions } from './openapi/extensions.ts';
import type { LoadedSpec } from './openapi/load-spec.ts';
import type { SpecOperation } from './openapi/operations.ts';
import type { SchemaValidator } from './openapi/schema-validator.ts';
import type { MockOptions } from './options.ts';
import type { RecordMemo } from './routes/record-memo.ts';
import type { Persistence } from './store/persistence.ts';
import type { Store } from './store/store.ts';

/**
 * The mock's wiring, built once by createMockCore and handed to every stage. Nothing in it is
 * assigned after it is built: what changes (the state, the seed a reseed names, the faker's
 * position) changes inside the objects it holds.
 */
export interface MockContext {
  readonly spec: LoadedSpec;
  readonly extensions: ContractExtensions;
  readonly operations: Map<string, SpecOperation>;
  /** The collections recognised in the contract. */
  readonly resources: Resource[];
  readonly options: Readonly<MockOptions>;
  readonly logger: Logger;
  readonly validator: SchemaValidator;
  /** Checks and stringifies the mock's own answers, each stored record once (formats by shape). */
  readonly records: RecordMemo;
  readonly store: Store;
  /** The durable state (MOCK_DB); undefined when the state lives in memory only. */
  readonly persistence: Persistence | undefined;
  /** Issues and checks tokens by `x-auth` (or its defaults, when the contract declares none). */
  readonly tokens: TokenService;
  readonly users: Map<string, User>;
  /** The demo user's credentials. */
  readonly credentials: { email: string; password: string; userId: string };
  readonly events: EventBus;
  /** Folder of uploaded files, one file per id ('' when they are kept in memory, in a browser). */
  readonly dataDir: string;
  /** The uploaded files' bytes: a folder on the server, memory in a browser. */
  readonly files: FileKeeper;
  /** The prefix of problem `type` URIs: `x-mock.problemTypes`, else DEFAULT_PROBLEM_TYPES. */
  readonly problemTypes: string;
  /** Base path of the API (`/api`), from the spec's server URL. */
  readonly basePath: string;
  /** The seeded faker of this run, for ids of what is created and `Prefer: dynamic=true` answers (reseeded in place). */
  readonly faker: Faker;
  /** The seed in force: `options.seed` until a reseed (`POST /__mock/seed`) names another. */
  seed(): number;
  /** The domain profile the contract asks for, its hooks bound to its state. */
  readonly profile: ActiveProfile;
  now(): number;
}

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

/** The mock's wiring, built once by createMockApp and handed to every stage. */
export interface MockContext {
  spec: LoadedSpec;
  extensions: ContractExtensions;
  operations: Map<string, SpecOperation>;
  /** The collections recognised in the contract. */
  resources: Resource[];
  options: MockOptions;
  logger: Logger;
  validator: SchemaValidator;
  /** Checks and stringifies the mock's own answers, each stored record once (formats by shape). */
  records: RecordMemo;
  store: Store;
  /** The durable state (MOCK_DB); undefined when the state lives in memory only. */
  persistence: Persistence | undefined;
  /** Issues and checks tokens by `x-auth` (or its defaults, when the contract declares none). */
  tokens: TokenService;
  users: Map<string, User>;
  /** The demo user's credentials. */
  credentials: { email: string; password: string; userId: string };
  events: EventBus;
  /** Folder of uploaded files, one file per id ('' when they are kept in memory, in a browser). */
  dataDir: string;
  /** The uploaded files' bytes: a folder on the server, memory in a browser. */
  files: FileKeeper;
  /** The prefix of problem `type` URIs: `x-mock.problemTypes`, else DEFAULT_PROBLEM_TYPES. */
  problemTypes: string;
  /** Base path of the API (`/api`), from the spec's server URL. */
  basePath: string;
  /** The seeded faker of this run, for ids of what is created and `Prefer: dynamic=true` answers. */
  faker: Faker;
  /** The domain profile the contract asks for, and its state. */
  profile: ActiveProfile;
  now(): number;
}

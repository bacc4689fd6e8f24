import type { Faker } from '@faker-js/faker';
import type { ContractExtensions } from '../spec/extensions.ts';
import type { LoadedSpec } from '../spec/load-spec.ts';
import type { User } from '../spec/models.ts';
import type { SpecOperation } from '../spec/operations.ts';
import type { SchemaValidator } from '../spec/schema-validator.ts';
import type { TokenService } from './auth/tokens.ts';
import type { CallSimulator } from './calls/call-simulator.ts';
import type { EventBus } from './events/event-bus.ts';
import type { MockOptions } from './options.ts';
import type { RecordMemo } from './routes/record-memo.ts';
import type { JsonFilePersistence } from './store/persist.ts';
import type { Store } from './store/store.ts';

/** The mock's wiring, built once by createMockApp and handed to every stage. */
export interface MockContext {
  spec: LoadedSpec;
  extensions: ContractExtensions;
  operations: Map<string, SpecOperation>;
  options: MockOptions;
  validator: SchemaValidator;
  /** Checks and stringifies the mock's own answers, each stored record once (formats by shape). */
  records: RecordMemo;
  store: Store;
  persistence: JsonFilePersistence | undefined;
  tokens: TokenService;
  users: Map<string, User>;
  /** The demo user's credentials. */
  credentials: { email: string; password: string; userId: string };
  events: EventBus;
  simulator: CallSimulator;
  /** Folder of uploaded audio, one file per id. */
  dataDir: string;
  /** Base path of the API (`/api`), from the spec's server URL. */
  basePath: string;
  /** The seeded faker of this run, for `Prefer: dynamic=true` answers. */
  faker: Faker;
  now(): number;
}

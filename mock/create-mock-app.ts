import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { adminRoutes } from './admin/admin-routes.ts';
import type { MockContext } from './context.ts';
import { createRequestHandler, type HandleRequest } from './core/handle-request.ts';
import { createMockCore, type MockCore } from './create-mock-core.ts';
import { serveDocs } from './docs/serve-docs.ts';
import { FolderFiles } from './files/folder-files.ts';
import { createLogger } from './http/logger.ts';
import { API_SECURITY_HEADERS } from './http/security-headers.ts';
import type { LoadedSpec } from './openapi/load-spec.ts';
import type { GivenOptions } from './options.ts';
import type { Profile } from './profile.ts';
import { openStore } from './store/open-store.ts';
import { JsonFilePersistence } from './store/persist.ts';
import { storeKindOf } from './store/persistence.ts';
import type { SeedCache } from './store/seeded-state.ts';
import type { Snapshot } from './store/store.ts';

export interface MockApp {
  /** The mock as one function from a request to a response, for any adapter (mock/adapters/). */
  handle: HandleRequest;
  ctx: MockContext;
  logger: Logger;
  /** Refills the state from the seed, as `POST /__mock/reset` does: for a test's `beforeEach`. */
  reset(): Promise<void>;
  /** Stops the profile's timers, writes pending state and removes a temporary data folder. */
  close(): Promise<void>;
}

/**
 * The mock of a loaded contract as a server hosts it, without listening: the core
 * (createMockCore: state and rules) with what a server has around it: a logger, a folder for
 * uploaded files, the store of MOCK_DB, the security headers, the docs and the admin routes.
 * The CLI, startMock and the in-process mock each put an adapter in front of its `handle`.
 * `previous` is the state of the mock this one replaces (`--watch`).
 */
export async function createMockApp(
  spec: LoadedSpec,
  options: GivenOptions,
  profiles: readonly Profile[] = [],
  previous?: Snapshot,
  seedCache?: SeedCache,
): Promise<MockApp> {
  const logger = createLogger(options.log);
  // Before anything else touches the file: a second process on it is refused here, by its lock.
  const opened = await openStore(options.db, {
    maxJsonRecords: options.dbJsonMaxRecords,
    maxMb: options.dbMaxMb,
  });
  const temporaryDir =
    options.dataDir || options.db ? undefined : await mkdtemp(join(tmpdir(), 'contract-mock-'));
  let core: MockCore;
  try {
    const dataDir = options.dataDir ?? (options.db ? `${options.db}.files` : (temporaryDir as string));
    await mkdir(dataDir, { recursive: true });
    const db = options.db;
    core = await createMockCore(
      spec,
      options,
      profiles,
      {
        logger,
        files: new FolderFiles(dataDir),
        opened,
        ...(seedCache ? { seedCache } : {}),
        readSaved: async () =>
          db && storeKindOf(db) === 'json'
            ? JsonFilePersistence.read(db, options.dbJsonMaxRecords)
            : undefined,
      },
      previous,
    );
  } catch (error) {
    await opened.abandon();
    if (temporaryDir) await rm(temporaryDir, { recursive: true, force: true });
    throw error;
  }
  const { ctx } = core;
  const handle = createRequestHandler(core, {
    headers: API_SECURITY_HEADERS,
    extraRoutes: [serveDocs(ctx), adminRoutes(ctx, core.reseed)],
  });
  return {
    handle,
    ctx,
    logger,
    reset: core.reset,
    async close() {
      await core.close();
      if (temporaryDir) await rm(temporaryDir, { recursive: true, force: true });
    },
  };
}

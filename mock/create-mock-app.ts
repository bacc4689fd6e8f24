import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express, { type Express } from 'express';
import type { Logger } from 'pino';
import type { LoadedSpec } from '../spec/load-spec.ts';
import { ADMIN_PREFIX, adminRoutes } from './admin/admin-routes.ts';
import type { MockContext } from './context.ts';
import { createMockCore, type MockCore } from './create-mock-core.ts';
import { serveDocs } from './docs/serve-docs.ts';
import { FolderFiles } from './files/folder-files.ts';
import { corsPolicy } from './http/cors.ts';
import { createLogger, requestLogger } from './http/logger.ts';
import { routeNotFound } from './http/problem.ts';
import { rateLimiters } from './http/rate-limit.ts';
import { requestId } from './http/request-id.ts';
import { apiSecurityHeaders, documentSecurityHeaders } from './http/security-headers.ts';
import { problemHandler } from './http/send-problem.ts';
import { sequence } from './http/sequence.ts';
import { limitUrl } from './http/size-limits.ts';
import type { MockOptions } from './options.ts';
import type { Profile } from './profile.ts';
import { buildRouter } from './routes/build-router.ts';
import { openStore } from './store/open-store.ts';
import { JsonFilePersistence } from './store/persist.ts';
import { storeKindOf } from './store/persistence.ts';
import type { Snapshot } from './store/store.ts';
import './http/request-augment.ts';

export interface MockApp {
  app: Express;
  ctx: MockContext;
  logger: Logger;
  /** Refills the state from the seed, as `POST /__mock/reset` does: for a test's `beforeEach`. */
  reset(): Promise<void>;
  /** Stops the profile's timers, writes pending state and removes a temporary data folder. */
  close(): Promise<void>;
}

/**
 * The mock of a loaded contract as an Express app, which never listens: the CLI (or a test)
 * decides where it runs. The core (createMockCore) holds the state and the rules; this adds what a
 * server has: a logger, a folder for uploaded files, db.json, and the HTTP stages (request ids,
 * CORS, rate limits, the docs, the admin routes). `previous` is the state of the mock this one
 * replaces (`--watch`).
 */
export async function createMockApp(
  spec: LoadedSpec,
  options: MockOptions,
  profiles: Profile[] = [],
  previous?: Snapshot,
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
  const { basePath, extensions } = ctx;

  const app = express();
  app.disable('x-powered-by');
  app.locals.problemTypes = ctx.problemTypes;
  app.set('etag', false);
  // The per-request basics as one layer: Express pays a dispatch for every layer it walks.
  app.use(sequence(requestId, limitUrl, requestLogger(logger), apiSecurityHeaders));
  app.use(corsPolicy(extensions.cors, options, (message) => logger.warn(message)));
  app.get('/', (_req, res) => res.redirect(`${basePath}/docs`));
  // The operations first, so that an API request does not walk the docs router's routes.
  app.use(buildRouter(ctx, rateLimiters(extensions.rateLimits, options.rateLimit)));
  app.use(`${basePath}/docs`, documentSecurityHeaders);
  app.use(basePath, serveDocs(ctx));
  app.use(ADMIN_PREFIX, adminRoutes(ctx, core.reseed));
  app.use((req) => {
    throw routeNotFound(req.method, req.path, basePath);
  });
  app.use(problemHandler);

  return {
    app,
    ctx,
    logger,
    reset: core.reset,
    async close() {
      await core.close();
      if (temporaryDir) await rm(temporaryDir, { recursive: true, force: true });
    },
  };
}

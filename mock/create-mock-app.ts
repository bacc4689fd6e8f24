import { randomInt } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express, { type Express } from 'express';
import type { Logger } from 'pino';
import { readExtensions } from '../spec/extensions.ts';
import type { LoadedSpec } from '../spec/load-spec.ts';
import type { User } from '../spec/models.ts';
import { listOperations } from '../spec/operations.ts';
import { SchemaValidator } from '../spec/schema-validator.ts';
import { ADMIN_PREFIX, adminRoutes } from './admin/admin-routes.ts';
import { TokenService } from './auth/tokens.ts';
import { CallSimulator, type ForcedResult } from './calls/call-simulator.ts';
import type { MockContext } from './context.ts';
import { serveDocs } from './docs/serve-docs.ts';
import { EventBus } from './events/event-bus.ts';
import { corsPolicy } from './http/cors.ts';
import { createLogger, requestLogger } from './http/logger.ts';
import { HttpProblem } from './http/problem.ts';
import { rateLimiters } from './http/rate-limit.ts';
import { requestId } from './http/request-id.ts';
import { apiSecurityHeaders, documentSecurityHeaders } from './http/security-headers.ts';
import { problemHandler } from './http/send-problem.ts';
import { sequence } from './http/sequence.ts';
import { limitUrl } from './http/size-limits.ts';
import type { MockOptions } from './options.ts';
import { buildRouter } from './routes/build-router.ts';
import { isLive } from './routes/calls.ts';
import { contentPath } from './routes/files.ts';
import { RecordMemo } from './routes/record-memo.ts';
import { createFaker, seed } from './seed/seed.ts';
import { JsonFilePersistence } from './store/persist.ts';
import { settleHeapAfterSeed } from './store/settle-heap.ts';
import { Store } from './store/store.ts';
import { isoSeconds, startOfDayUtc } from './time.ts';
import './http/request-augment.ts';

export interface MockApp {
  app: Express;
  ctx: MockContext;
  logger: Logger;
  /** Stops the simulator, writes pending state and removes a temporary data folder. */
  close(): Promise<void>;
}

const DEMO_USER_ID = 'c4a73152-9b2e-4f10-8d56-1e3a7b9c0d21';

/**
 * Builds the mock of a loaded contract. Returns the Express app and never listens: the CLI (or a
 * test) decides where it runs. Everything the contract declares in its extensions is read here,
 * from the spec, and nowhere restated.
 */
export async function createMockApp(spec: LoadedSpec, options: MockOptions): Promise<MockApp> {
  const logger = createLogger(options.log);
  const extensions = readExtensions(spec.document);
  const operations = new Map(listOperations(spec.document).map((op) => [op.operationId, op]));
  const basePath = new URL(spec.document.servers?.[0]?.url ?? 'http://localhost/api').pathname.replace(
    /\/$/,
    '',
  );
  const store = new Store();
  const now = () => Date.now();
  const temporaryDir =
    options.dataDir || options.db ? undefined : await mkdtemp(join(tmpdir(), 'ai-call-center-mock-'));
  const dataDir = options.dataDir ?? (options.db ? `${options.db}.files` : (temporaryDir as string));
  await mkdir(dataDir, { recursive: true });
  const persistence = options.db ? new JsonFilePersistence(store, options.db) : undefined;

  const user: User = { id: DEMO_USER_ID, email: options.userEmail, name: 'Aziz Rahimov', role: 'admin' };
  const users = new Map([[user.id, user]]);
  const events = new EventBus(now);
  const placeCall = operations.get('placeCall')?.operation as Record<string, unknown> | undefined;
  const simulator = new CallSimulator({
    store,
    events,
    seed: () => options.seed, // read per call, so a reseed (POST /__mock/seed) takes effect
    speed: options.callSpeed,
    testNumbers: (placeCall?.['x-test-numbers'] ?? {}) as Record<string, ForcedResult>,
    now,
    onChange: () => void persistence?.flush().catch((err) => logger.error({ err }, 'could not persist')),
  });
  const ctx: MockContext = {
    spec,
    extensions,
    operations,
    options,
    validator: new SchemaValidator(),
    records: new RecordMemo(new SchemaValidator({ formats: 'fast' })),
    store,
    persistence,
    tokens: new TokenService(extensions.auth, users, options.jwtSecret, now),
    users,
    credentials: { email: options.userEmail, password: options.userPassword, userId: user.id },
    events,
    simulator,
    dataDir,
    basePath,
    faker: createFaker(options.seed + 1),
    now,
  };

  /** Fills the store from the seed (and writes the seeded audio), replacing what was there. */
  const reseed = async (seedValue: number, calls: number) => {
    simulator.stop();
    options.seed = seedValue;
    options.calls = calls;
    ctx.faker = createFaker(seedValue + 1);
    const endMs = options.seedDate ? Date.parse(`${options.seedDate}T00:00:00Z`) : startOfDayUtc(now());
    const seeded = seed({ seed: seedValue, calls, endMs });
    await Promise.all([...seeded.audio].map(([id, bytes]) => writeFile(contentPath(dataDir, id), bytes)));
    store.load(seeded.snapshot);
    settleHeapAfterSeed(calls);
    if (persistence) await persistence.write();
  };

  const saved = options.db ? await JsonFilePersistence.read(options.db) : undefined;
  if (saved) {
    store.load(saved);
    settleHeapAfterSeed(saved.calls.length);
    // The ids of what is created next come from ctx.faker: restarted from the seed, it would hand
    // out the ids of records created before the restart again (a 500 on a duplicate, a deleted id
    // reused). A persisted state has a history, so the sequence continues from a fresh value.
    ctx.faker = createFaker((options.seed + 1) ^ randomInt(1, 2 ** 31));
    endInterruptedCalls(store, now);
  } else {
    await reseed(options.seed, options.calls);
  }

  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  // The per-request basics as one layer: Express pays a dispatch for every layer it walks.
  app.use(sequence(requestId, limitUrl, requestLogger(logger), apiSecurityHeaders));
  app.use(corsPolicy(extensions.cors, options, (message) => logger.warn(message)));
  app.get('/', (_req, res) => res.redirect(`${basePath}/docs`));
  // The operations first, so that an API request does not walk the docs router's routes.
  app.use(buildRouter(ctx, rateLimiters(extensions.rateLimits, options.rateLimit)));
  app.use(`${basePath}/docs`, documentSecurityHeaders);
  app.use(basePath, serveDocs(ctx));
  app.use(ADMIN_PREFIX, adminRoutes(ctx, reseed));
  app.use((req) => {
    throw new HttpProblem(
      'route_not_found',
      `${req.method} ${req.path} is not an operation of this API; see ${basePath}/docs.`,
    );
  });
  app.use(problemHandler);

  return {
    app,
    ctx,
    logger,
    async close() {
      simulator.stop();
      await persistence?.flush();
      if (temporaryDir) await rm(temporaryDir, { recursive: true, force: true });
    },
  };
}

/** Calls that were live when a persisted mock stopped can never progress: they end as failed. */
function endInterruptedCalls(store: Store, now: () => number): void {
  const at = isoSeconds(now());
  for (const call of [...store.calls.all()]) {
    if (!isLive(call)) continue;
    store.calls.replace({
      ...call,
      status: 'failed',
      endedAt: at,
      updatedAt: at,
      failureReason: 'The mock server restarted during the call',
    });
  }
}

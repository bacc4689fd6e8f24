import { randomInt } from 'node:crypto';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
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
import type { MockContext } from './context.ts';
import { serveDocs } from './docs/serve-docs.ts';
import { createEnglishFaker } from './engine/create-faker.ts';
import { describeResources, type Resource } from './engine/describe-resources.ts';
import { DOCUMENT_KEYS, type DocumentHints, hintsOf } from './engine/mock-extension.ts';
import { seedResources } from './engine/seed-resources.ts';
import { storedFields } from './engine/stored-fields.ts';
import { EventBus } from './events/event-bus.ts';
import { corsPolicy } from './http/cors.ts';
import { createLogger, requestLogger } from './http/logger.ts';
import { DEFAULT_PROBLEM_TYPES, HttpProblem } from './http/problem.ts';
import { rateLimiters } from './http/rate-limit.ts';
import { requestId } from './http/request-id.ts';
import { apiSecurityHeaders, documentSecurityHeaders } from './http/security-headers.ts';
import { problemHandler } from './http/send-problem.ts';
import { sequence } from './http/sequence.ts';
import { limitUrl } from './http/size-limits.ts';
import type { MockOptions } from './options.ts';
import type { ActiveProfile, Profile } from './profile.ts';
import { buildRouter } from './routes/build-router.ts';
import { RecordMemo } from './routes/record-memo.ts';
import type { StoredRecord } from './store/collection.ts';
import { type OpenedStore, openStore } from './store/open-store.ts';
import { JsonFilePersistence } from './store/persist.ts';
import { settleHeapAfterSeed } from './store/settle-heap.ts';
import type { Snapshot } from './store/store.ts';
import { Store } from './store/store.ts';
import { startOfDayUtc } from './time.ts';
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

/** Who `MOCK_AUTH=off` and the auth operations stand for when the profile names no demo user. */
const GENERIC_USER = { id: '00000000-0000-4000-8000-000000000001', name: 'Demo User', role: 'admin' };

/**
 * Builds the mock of a loaded contract. Returns the Express app and never listens: the CLI (or a
 * test) decides where it runs. The collections, their seeds and their rules are read from the
 * spec; a profile named by the spec's top-level `x-mock.profile` adds what no contract can say.
 * `previous` is the state of the mock this one replaces (`--watch`): what the new contract still
 * has survives.
 */
export async function createMockApp(
  spec: LoadedSpec,
  options: MockOptions,
  profiles: Profile[] = [],
  previous?: Snapshot,
): Promise<MockApp> {
  const logger = createLogger(options.log);
  const specOperations = listOperations(spec.document);
  const documentHints = hintsOf<DocumentHints>(spec.document, spec.path, DOCUMENT_KEYS);
  const wanted = documentHints.profile;
  const profile = wanted ? profiles.find((p) => p.name === wanted) : undefined;
  if (wanted && !profile)
    throw new Error(`${spec.path} asks for the profile "${wanted}", and the mock has none of that name`);
  const resources = describeResources(spec.document, specOperations);
  // Before anything else touches the file: a second process on it is refused here, by its lock.
  const opened = await openStore(options.db, {
    maxJsonRecords: options.dbJsonMaxRecords,
    maxMb: options.dbMaxMb,
  });
  try {
    return await buildMockApp({ spec, options, profile, previous, resources, opened, logger, documentHints });
  } catch (error) {
    await opened.abandon();
    throw error;
  }
}

/** What createMockApp read before opening the store, for the rest of the build. */
interface Parts {
  spec: LoadedSpec;
  options: MockOptions;
  profile: Profile | undefined;
  previous: Snapshot | undefined;
  resources: Resource[];
  opened: OpenedStore;
  logger: Logger;
  documentHints: DocumentHints;
}

async function buildMockApp(parts: Parts): Promise<MockApp> {
  const { spec, options, profile, previous, resources, opened, logger, documentHints } = parts;
  const extensions = readExtensions(spec.document, spec.path);
  const operations = new Map(listOperations(spec.document).map((op) => [op.operationId, op]));
  const basePath = basePathOf(spec);
  const store = new Store(opened.backend);
  for (const resource of resources)
    store.define(resource.name, resource.idField, storedFields(resource, resources));
  const now = () => Date.now();
  const temporaryDir =
    options.dataDir || options.db ? undefined : await mkdtemp(join(tmpdir(), 'contract-mock-'));
  const dataDir = options.dataDir ?? (options.db ? `${options.db}.files` : (temporaryDir as string));
  await mkdir(dataDir, { recursive: true });

  const demo = profile?.demoUser ?? GENERIC_USER;
  const user = { ...demo, email: options.userEmail } as User;
  const users = new Map([[user.id, user]]);
  const createFaker = profile?.createFaker ?? createEnglishFaker;
  const active: ActiveProfile = {
    profile,
    createFaker,
    fakerHints: profile?.fakerHints ?? {},
    state: undefined,
  };
  // Formats by shape: the records are the mock's own (seeded or written by it). Shared by the seed's
  // check and the answers' check, so each record schema is compiled once.
  const recordChecks = new SchemaValidator({ formats: 'fast' });
  const ctx: MockContext = {
    spec,
    extensions,
    operations,
    resources,
    options,
    logger,
    validator: new SchemaValidator(),
    records: new RecordMemo(recordChecks),
    store,
    persistence: undefined,
    tokens: new TokenService(extensions.auth, users, options.jwtSecret, now),
    users,
    credentials: { email: options.userEmail, password: options.userPassword, userId: user.id },
    events: new EventBus(now),
    dataDir,
    problemTypes: documentHints.problemTypes ?? DEFAULT_PROBLEM_TYPES,
    basePath,
    faker: createFaker(options.seed + 1),
    now,
    profile: active,
  };
  active.state = profile?.attach?.(ctx);
  const persistence = opened.persist(store);
  ctx.persistence = persistence;
  const { sqlite } = opened;
  // A commit no request waits on (a simulated call's progress) can only be logged.
  sqlite?.onCommitFailure((err) => logger.error({ err }, 'a change could not be stored and was rolled back'));

  /** Fills the store from the seed, replacing what was there; `counts` change collections' sizes. */
  const reseed = async (seedValue: number, counts: Record<string, number> = {}) => {
    profile?.stop?.(ctx);
    options.seed = seedValue;
    options.counts = { ...options.counts, ...counts };
    ctx.faker = createFaker(seedValue + 1);
    const endMs = options.seedDate ? Date.parse(`${options.seedDate}T00:00:00Z`) : startOfDayUtc(now());
    const given = (await profile?.seed?.({ seed: seedValue, endMs, options, dataDir, logger })) ?? {};
    const seeded = seedResources(resources, given, {
      seed: seedValue,
      endMs,
      counts: options.counts,
      faker: createFaker(seedValue),
      hints: active.fakerHints,
      validator: recordChecks,
      logger,
    });
    store.load(seeded);
    // The mark of a seeded SQLite file, committed after the seed's own transaction: a file without
    // it was never completely seeded (killed half-way) and is seeded again at the next start.
    sqlite?.setMeta(
      'seeded',
      JSON.stringify({ seed: seedValue, seedDate: options.seedDate ?? null, counts: options.counts }),
    );
    settleHeapAfterSeed(recordsIn(seeded));
    if (persistence) await persistence.write();
  };

  const saved =
    previous ??
    (options.db && persistence?.kind === 'json'
      ? await JsonFilePersistence.read(options.db, options.dbJsonMaxRecords)
      : undefined);
  // An SQLite file keeps its state in its tables: nothing to read, only to carry on with.
  const kept = sqlite?.meta('seeded') !== undefined && !previous;
  if (saved || kept) {
    if (saved) restore(ctx, saved);
    if (saved && sqlite) sqlite.setMeta('seeded', JSON.stringify({ imported: true }));
    // The ids of what is created next come from ctx.faker: restarted from the seed, it would hand
    // out the ids of records created before the restart again (a 500 on a duplicate, a deleted id
    // reused). A persisted state has a history, so the sequence continues from a fresh value.
    ctx.faker = createFaker((options.seed + 1) ^ randomInt(1, 2 ** 31));
    profile?.afterRestore?.(ctx);
    await persistence?.flush();
  } else {
    await reseed(options.seed);
  }

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
    reset: () => reseed(options.seed),
    async close() {
      profile?.stop?.(ctx);
      await persistence?.close();
      if (temporaryDir) await rm(temporaryDir, { recursive: true, force: true });
    },
  };
}

/**
 * Loads a saved state (db.json, or the state of the mock a `--watch` reload replaces). Records the
 * contract now refuses, and collections it no longer has, are left out with a log line each.
 */
function restore(ctx: MockContext, saved: Snapshot): void {
  const kept: Snapshot = {};
  for (const [name, records] of Object.entries(saved)) {
    const resource = ctx.resources.find((r) => r.name === name);
    if (!resource) {
      kept[name] = records;
      continue;
    }
    kept[name] = acceptedBy(ctx, resource.record, records);
    const dropped = records.length - kept[name].length;
    if (dropped > 0)
      ctx.logger.warn(`${dropped} ${name} record(s) break the current contract and were dropped`);
  }
  const gone = ctx.store.load(kept);
  for (const name of gone)
    ctx.logger.warn(`the contract has no collection "${name}" any more: its records were dropped`);
  settleHeapAfterSeed(recordsIn(kept));
}

/**
 * The records the schema accepts. A big collection (a million calls in a db.json) is checked on a
 * spread sample first: records the mock wrote itself under the same contract all pass, and a full
 * check would add seconds to every start. Any failure in the sample checks them all.
 */
function acceptedBy(ctx: MockContext, schema: object, records: StoredRecord[]): StoredRecord[] {
  const step = Math.max(1, Math.ceil(records.length / 20_000));
  let clean = true;
  for (let i = 0; i < records.length && clean; i += step)
    clean = ctx.validator.validate(schema, records[i]).ok;
  return clean ? records : records.filter((r) => ctx.validator.validate(schema, r).ok);
}

function recordsIn(snapshot: Snapshot): number {
  let n = 0;
  for (const records of Object.values(snapshot)) n += records.length;
  return n;
}

/** Base path of the API (`/api`), from the first server URL, relative or absolute. */
function basePathOf(spec: LoadedSpec): string {
  const url = spec.document.servers?.[0]?.url ?? '/';
  let path: string;
  try {
    path = new URL(url.replace(/\{[^}]+\}/g, 'x'), 'http://localhost').pathname;
  } catch {
    path = '/';
  }
  return path.replace(/\/$/, '');
}

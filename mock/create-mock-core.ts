import type { Logger } from 'pino';
import type { ActiveProfile } from './active-profile.ts';
import { TokenService } from './auth/tokens.ts';
import type { MockUser as User } from './auth/user.ts';
import type { MockContext } from './context.ts';
import { createEnglishFaker } from './engine/create-faker.ts';
import { describeResources } from './engine/describe-resources.ts';
import { DOCUMENT_KEYS, type DocumentHints, hintsOf } from './engine/mock-extension.ts';
import { planSeeds, seedResources } from './engine/seed-resources.ts';
import { storedFields } from './engine/stored-fields.ts';
import { EventBus } from './events/event-bus.ts';
import type { FileKeeper } from './files/file-keeper.ts';
import { DEFAULT_PROBLEM_TYPES } from './http/problem.ts';
import type { MockCore } from './mock-core.ts';
import { type AuthRules, readExtensions } from './openapi/extensions.ts';
import type { LoadedSpec } from './openapi/load-spec.ts';
import { listOperations } from './openapi/operations.ts';
import { SchemaValidator } from './openapi/schema-validator.ts';
import { valuesOf } from './option-table.ts';
import type { GivenOptions } from './options.ts';
import type { AttachedProfile, Profile } from './profile.ts';
import { RecordMemo } from './routes/record-memo.ts';
import type { StoredRecord } from './store/collection.ts';
import type { OpenedStore } from './store/open-store.ts';
import { schemaFingerprint } from './store/schema-fingerprint.ts';
import { SeedOnFirstUse, seedOnFirstUse } from './store/seed-on-first-use.ts';
import type { SeedCache } from './store/seeded-state.ts';
import { memoryBackend, type Snapshot, Store } from './store/store.ts';
import { startOfDayUtc } from './time.ts';

export type { MockCore } from './mock-core.ts';

/**
 * What the place the mock runs in provides: a server (createMockApp) gives a pino logger, a folder
 * of files and, with MOCK_DB, durable state; a browser (the MSW worker) gives a console logger and
 * memory. The core itself touches no disk, socket or Node-only module, so both can run it.
 */
export interface MockHost {
  logger: Logger;
  files: FileKeeper;
  /** The store the host opened for MOCK_DB (locked by then: store/open-store.ts); memory when absent. */
  opened?: OpenedStore;
  /** The state a db.json holds, read at start (an SQLite file keeps its state in its tables). */
  readSaved?(): Promise<Snapshot | undefined>;
  /** Seeded states kept between starts of the same build (store/seed-cache.ts); none by default. */
  seedCache?: SeedCache;
  /**
   * Seed after the core is returned rather than before: the core's `seeded` settles when the state
   * is filled, and whoever answers requests waits for it. A page's MSW worker registers meanwhile
   * (msw-browser.ts): a first visit then waits for the longer of the two, not their sum.
   */
  seedLater?: boolean;
}

/** The mock without a transport: its context (state, rules, tokens, events) and its lifecycle. */
/** Who `MOCK_AUTH=off` and the auth operations stand for when the profile names no demo user. */
const GENERIC_USER = { id: '00000000-0000-4000-8000-000000000001', name: 'Demo User', role: 'admin' };

/**
 * Builds the mock of a loaded contract. The collections, their seeds and their rules are read from
 * the spec; a profile named by the spec's top-level `x-mock.profile` adds what no contract can say.
 * `previous` is the state of the mock this one replaces (`--watch`): what the new contract still
 * has survives.
 */
export async function createMockCore(
  spec: LoadedSpec,
  options: GivenOptions,
  profiles: readonly Profile[],
  host: MockHost,
  previous?: Snapshot,
): Promise<MockCore> {
  const { logger, files } = host;
  const extensions = readExtensions(spec.document, spec.path);
  const specOperations = listOperations(spec.document);
  const operations = new Map(specOperations.map((op) => [op.operationId, op]));
  const documentHints = hintsOf<DocumentHints>(spec.document, spec.path, DOCUMENT_KEYS);
  const wanted = documentHints.profile;
  const profile = wanted ? profiles.find((p) => p.name === wanted) : undefined;
  if (wanted && !profile)
    throw new Error(`${spec.path} asks for the profile "${wanted}", and the mock has none of that name`);
  const resources = describeResources(spec.document, specOperations);
  const { opened } = host;
  // In memory, each generated collection is seeded on its first use, so that a start costs what
  // the client touches, not the document's size (GitHub's 148 collections). A file is seeded whole.
  const lazy = !options.db && (opened?.backend ?? memoryBackend).kind === 'memory';
  const backend = opened?.backend ?? memoryBackend;
  const store = new Store(lazy ? seedOnFirstUse(backend) : backend);
  for (const resource of resources)
    store.define(resource.name, resource.idField, storedFields(resource, resources));
  // Collections the profile keeps beyond the contract's, defined before the store is persisted:
  // persistence follows the collections defined when it is made.
  for (const name of profile?.collections ?? []) store.define(name);
  const persistence = opened?.persist(store);
  const now = () => Date.now();
  // The seed and sizes in force: the options' until a reseed (`POST /__mock/seed`) names others.
  let seed = options.seed;
  let counts = options.counts;

  const demo = profile?.demoUser ?? GENERIC_USER;
  const user = { ...demo, email: options.userEmail } as User;
  const users = new Map([[user.id, user]]);
  const createFaker = profile?.createFaker ?? createEnglishFaker;
  // One faker for the run, reseeded in place (a fresh one of the same seed gives the same values).
  const faker = createFaker(seed + 1);
  const active: ActiveProfile = {
    name: profile?.name,
    createFaker,
    fakerHints: profile?.fakerHints ?? {},
    demoUser: profile?.demoUser,
    adminState: () => attached.adminState?.() ?? {},
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
    // A schema Ajv cannot compile is left unchecked: said once, when it is first used.
    validator: new SchemaValidator({
      onUnreadable: (why) =>
        logger.warn(`a schema of the contract is left unchecked, as it cannot be compiled: ${why}`),
    }),
    records: new RecordMemo(recordChecks),
    store,
    persistence,
    tokens: new TokenService(
      withAccessTtl(extensions.auth, options.accessTokenTtl),
      users,
      options.jwtSecret,
      now,
    ),
    users,
    credentials: { email: options.userEmail, password: options.userPassword, userId: user.id },
    events: new EventBus(now),
    dataDir: files.dir,
    files,
    problemTypes: documentHints.problemTypes ?? DEFAULT_PROBLEM_TYPES,
    basePath: basePathOf(spec),
    faker,
    seed: () => seed,
    now,
    profile: active,
  };
  const profileOptions = valuesOf(profile?.options ?? [], options);
  const attached: AttachedProfile =
    profile?.attach?.({
      store,
      events: ctx.events,
      operations,
      persistence,
      options: profileOptions,
      seed: () => seed,
      now,
      logger,
    }) ?? {};
  const sqlite = opened?.sqlite;
  // A commit no request waits on (a simulated call's progress) can only be logged.
  sqlite?.onCommitFailure((err) => logger.error({ err }, 'a change could not be stored and was rolled back'));

  let contractText: string | undefined;
  const reseed = async (seedValue: number, newCounts: Record<string, number> = {}) => {
    attached.stop?.();
    seed = seedValue;
    counts = { ...counts, ...newCounts };
    faker.seed(seedValue + 1);
    const endMs = options.seedDate ? Date.parse(`${options.seedDate}T00:00:00Z`) : startOfDayUtc(now());
    // A profile's seed (5000 calls, conformed and checked, and their audio) is most of a start:
    // kept per build where the host keeps seeds. A contract without one seeds lazily instead.
    // The contract's text, made once: a reset of a 13 MB contract need not stringify it again.
    contractText ??= host.seedCache && profile?.seed ? JSON.stringify(spec.raw) : undefined;
    const key =
      contractText !== undefined &&
      seedKey(contractText, { ...options, ...profileOptions, counts }, profile?.name, seedValue, endMs);
    const cached = key ? await host.seedCache?.read(key) : undefined;
    let seeded: Snapshot;
    if (cached) {
      await Promise.all(cached.files.map(([id, bytes]) => files.write(id, bytes)));
      seeded = cached.snapshot;
    } else {
      const written: [string, Uint8Array][] = [];
      // The host's files, with what the seed writes noted on the way for the cache.
      const recording: FileKeeper = Object.assign(Object.create(files) as FileKeeper, {
        write(id: string, bytes: Uint8Array) {
          written.push([id, bytes]);
          return files.write(id, bytes);
        },
      });
      const given =
        (await profile?.seed?.({
          seed: seedValue,
          endMs,
          counts,
          options: profileOptions,
          files: recording,
          logger,
        })) ?? {};
      const input = {
        seed: seedValue,
        endMs,
        counts,
        faker: createFaker(seedValue),
        hints: active.fakerHints,
        validator: recordChecks,
        logger,
      };
      if (lazy && !key) {
        seedLater(store, planSeeds(resources, given, input), given);
        if (persistence) await persistence.write();
        return;
      }
      seeded = seedResources(resources, given, input);
      if (key) await host.seedCache?.write(key, { snapshot: seeded, files: written });
    }
    store.load(seeded);
    // The mark of a seeded SQLite file, committed after the seed's own transaction: a file without
    // it was never completely seeded (killed half-way) and is seeded again at the next start.
    sqlite?.setMeta(
      'seeded',
      JSON.stringify({ seed: seedValue, seedDate: options.seedDate ?? null, counts }),
    );
    if (sqlite) for (const r of resources) sqlite.setMeta(schemaKey(r.name), schemaFingerprint(r.record));
    if (persistence) await persistence.write();
  };

  let seeded: Promise<void> = Promise.resolve();
  const saved = previous ?? (await host.readSaved?.());
  // An SQLite file keeps its state in its tables: nothing to read, only to carry on with.
  const kept = sqlite?.meta('seeded') !== undefined && !previous;
  if (saved || kept) {
    if (saved) restore(ctx, saved);
    if (saved && sqlite) sqlite.setMeta('seeded', JSON.stringify({ imported: true }));
    if (sqlite) checkKeptRecords(ctx, sqlite);
    // The ids of what is created next come from ctx.faker: restarted from the seed, it would hand
    // out the ids of records created before the restart again (a 500 on a duplicate, a deleted id
    // reused). A persisted state has a history, so the sequence continues from a fresh value.
    faker.seed((seed + 1) ^ (crypto.getRandomValues(new Uint32Array(1))[0] as number));
    attached.afterRestore?.();
    await persistence?.flush();
  } else if (host.seedLater) {
    // In a task of its own, after the caller has gone on with what it does meanwhile.
    seeded = new Promise((resolve) => setTimeout(resolve, 0)).then(() => reseed(seed));
  } else {
    await reseed(seed);
  }

  return {
    ctx,
    seeded,
    handlers: { ...profile?.handlers, ...attached.handlers },
    reseed,
    reset: () => reseed(seed),
    async close() {
      attached.stop?.();
      await persistence?.close();
    },
  };
}

/**
 * Loads what the profile wrote now (conformed), and leaves every generated collection to be seeded
 * on its first use. The plan makes the same records an eager seed makes, whatever the order of use.
 */
function seedLater(store: Store, plan: ReturnType<typeof planSeeds>, given: Snapshot): void {
  const now: Snapshot = {};
  for (const name of Object.keys(given)) now[name] = plan.seedOf(name);
  store.load(now);
  for (const name of plan.order) {
    const collection = store.collection(name) as unknown;
    if (!plan.given(name) && collection instanceof SeedOnFirstUse) collection.later(() => plan.seedOf(name));
  }
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
}

/**
 * What decides a seed besides the build: the contract, the profile, the seed and its day, and the
 * options (a profile may read any; those of the transport are left out).
 */
function seedKey(
  contract: string,
  options: GivenOptions,
  profile: string | undefined,
  seed: number,
  endMs: number,
): string {
  // Nothing of the seed depends on how tokens are signed or how long they live.
  const {
    port: _port,
    host: _host,
    log: _log,
    watch: _watch,
    jwtSecret: _secret,
    accessTokenTtl: _ttl,
    ...rest
  } = options;
  return `${JSON.stringify([profile ?? null, seed, endMs, rest])}\n${contract}`;
}

/**
 * x-auth's token rules with the access token's lifetime of --access-token-ttl, where it is given: a
 * test that must see a token expire cannot wait the contract's 15 minutes.
 */
function withAccessTtl(rules: AuthRules, ttlSeconds: number | undefined): AuthRules {
  if (ttlSeconds === undefined) return rules;
  return { ...rules, accessToken: { ...rules.accessToken, ttlSeconds } };
}

/** The meta key of a collection's record schema fingerprint in a store file. */
const schemaKey = (collection: string) => `schema ${collection}`;

/**
 * An SQLite file keeps its records across starts, and the contract changes every week: a record
 * written under last week's schema may break this week's (a tightened limit, a new required
 * field), and would be answered as a 500 by the response check. So each collection whose record
 * schema changed since the file was written (its fingerprint is kept in the file) is read again,
 * and what the current contract refuses is removed, with one log line, as db.json and --watch do.
 * Unchanged collections are not read: a restart on a million calls stays a restart.
 */
function checkKeptRecords(
  ctx: MockContext,
  file: { meta(key: string): string | undefined; setMeta(key: string, value: string): void },
): void {
  for (const resource of ctx.resources) {
    const print = schemaFingerprint(resource.record);
    if (file.meta(schemaKey(resource.name)) === print) continue;
    const collection = ctx.store.collection(resource.name);
    ctx.logger.info(
      `checking the ${collection.size} ${resource.name} record(s) against the changed contract`,
    );
    // Ids first, removals after: a file's rows cannot change under an open read.
    const refused: string[] = [];
    for (const record of collection.all())
      if (!ctx.validator.validate(resource.record, record).ok) refused.push(collection.keyOf(record));
    for (const id of refused) collection.remove(id);
    if (refused.length > 0)
      ctx.logger.warn(
        `${refused.length} ${resource.name} record(s) break the current contract and were dropped`,
      );
    file.setMeta(schemaKey(resource.name), print);
  }
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

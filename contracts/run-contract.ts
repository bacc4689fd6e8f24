import { CHECKS } from './checks/index.ts';
import { computeCoverage } from './coverage.ts';
import { RequestBudget } from './execute/budget.ts';
import { connect } from './execute/connect.ts';
import { driveBoundaries } from './execute/drive-boundaries.ts';
import { driveNegative } from './execute/drive-negative.ts';
import { driveReads } from './execute/drive-reads.ts';
import { driveSeveralWrong } from './execute/drive-several-wrong.ts';
import { driveWrites } from './execute/drive-writes.ts';
import { startEventRecorder } from './execute/event-recorder.ts';
import { ExistingIds } from './execute/existing-ids.ts';
import { startExpiryClock } from './execute/expiry-clock.ts';
import { sendOverNodeHttp } from './execute/fetch-refused-methods.ts';
import { HttpClient, NoPathValue } from './execute/http-client.ts';
import { UnreadableAnswer } from './execute/poll.ts';
import { ResourceTracker } from './execute/resources.ts';
import { type FlowRecord, runFlow } from './execute/run-flows.ts';
import { runInLanes } from './execute/run-lanes.ts';
import { requiredQuery } from './execute/valid-input.ts';
import { newSeed } from './generate/valid-values.ts';
import type { Depth } from './options.ts';
import { buildPlan, type Plan } from './plan/build-plan.ts';
import { deriveFlows } from './plan/derive-flows.ts';
import { type Contract, loadContract } from './plan/load-contract.ts';
import { unknownFormatNotes } from './plan/unknown-formats.ts';
import { type RunnerProfile, realWorldOf, withProfileChecks } from './profile.ts';
import type { DriveContext, RealWorld } from './real-world.ts';
import { buildInventory } from './rules/inventory.ts';
import { judgeRules } from './rules/judge-rules.ts';
import { runCheck } from './run-check.ts';
import type { RunResult } from './run-result.ts';
import type { RunSettings } from './run-settings.ts';
import type { CheckResult } from './types.ts';

/** Generated valid values per query parameter, by depth. */
const EXAMPLES: Record<Depth, number> = { quick: 1, standard: 3, deep: 5 };

export interface RunContractOptions {
  baseUrl: string;
  /** The OpenAPI document (file or URL); the project's openapi.yaml by default. */
  spec?: string | undefined;
  /** Its AsyncAPI document; by default asyncapi.yaml beside the spec, if there is one. */
  asyncapi?: string | undefined;
  /** Headers sent with every request (`--header`). */
  headers?: Record<string, string>;
  /** Query parameters sent with every request (`--query`): an API key the spec takes in the query. */
  query?: Record<string, string>;
  fetch?: typeof globalThis.fetch;
  /** What no contract can say about the API: its domain checks, demo login, real-world creates. */
  profiles?: RunnerProfile[];
  /** The login; by default a profile's demo login, else none (the run goes without a token). */
  email?: string | undefined;
  password?: string | undefined;
  token?: string | undefined;
  /** An access token the backend issued that has expired since (`--expired-token`), for token_expiry. */
  expiredToken?: string | undefined;
  /** The longest token lifetime token_expiry waits out (`--expiry-wait`); 30 s by default. */
  expiryWaitMs?: number;
  only?: string[];
  skip?: string[];
  seed?: number | undefined;
  examples?: number | undefined;
  /** quick, standard (the default) or deep. */
  depth?: Depth;
  testNumber?: string | undefined;
  readOnly?: boolean;
  rateLimitBurst?: boolean;
  /** Fail documented 5xx answers other than 500 too (`--strict-server-errors`); a note by default. */
  strictServerErrors?: boolean;
  timeoutMs?: number;
  realtimeTimeoutMs?: number;
  callTimeoutMs?: number;
  corsOrigins?: string[];
  /** The whole run's limit: past it the run stops, cleans up and reports what it found (`ended: 'timeout'`). */
  runTimeoutMs?: number;
  /** Aborted by SIGINT or SIGTERM: the run stops, cleans up and reports (`ended: 'interrupted'`). */
  signal?: AbortSignal;
  /** A loaded contract, to share one between runs (tests); loaded from openapi.yaml otherwise. */
  contract?: Contract;
  /** Told about each stage and each finished check, for a progress display. */
  onProgress?: (event: ProgressEvent) => void;
  /**
   * Given, once the run can create anything, a way to list what it has created and not removed yet
   * (and a call of the run that may still be live): what a second Ctrl-C, which leaves at once,
   * says it leaves behind.
   */
  onTracking?: (pending: () => string[]) => void;
  /** Also answer the rules inventory with the exchanges each rule's check judged (`--rules`). */
  rules?: boolean;
}

export type ProgressEvent =
  | { kind: 'stage'; text: string }
  | { kind: 'start'; check: string }
  | { kind: 'wait'; text: string }
  | { kind: 'sent'; count: number }
  | { kind: 'check'; result: CheckResult };

/**
 * Runs the contract against a live backend: spec -> plan -> execute (flows, generated valid and
 * invalid requests) -> checks -> cleanup -> result. Never prints and never throws for anything
 * the backend does: a backend that cannot be used at all is a result with `fatal` set.
 */
export async function runContract(options: RunContractOptions): Promise<RunResult> {
  const started = Date.now();
  const settings: RunSettings = {
    baseUrl: options.baseUrl.replace(/\/$/, ''),
    seed: options.seed ?? newSeed(),
    examples: options.examples ?? EXAMPLES[options.depth ?? 'standard'],
    depth: options.depth ?? 'standard',
    testNumber: options.testNumber,
    readOnly: options.readOnly ?? false,
    rateLimitBurst: options.rateLimitBurst ?? false,
    strictServerErrors: options.strictServerErrors ?? false,
    timeoutMs: options.timeoutMs ?? 10_000,
    realtimeTimeoutMs: options.realtimeTimeoutMs ?? 5_000,
    callTimeoutMs: options.callTimeoutMs ?? 180_000,
    corsOrigins: options.corsOrigins ?? [],
    expiryWaitMs: options.expiryWaitMs ?? 30_000,
    expiredToken: options.expiredToken,
  };
  const progress = options.onProgress ?? (() => {});
  const contract =
    options.contract ??
    (await loadContract({
      ...(options.spec ? { openapi: options.spec } : {}),
      ...(options.asyncapi ? { asyncapi: options.asyncapi } : {}),
    }));
  // Each operation's required header and cookie values, worked out once.
  const requiredParams = new Map<string, Record<string, unknown>>();
  const http = new HttpClient({
    baseUrl: settings.baseUrl,
    fetch: options.fetch ?? fetch,
    // The global fetch refuses TRACE: with no fetch of its own, the run sends it over node:http.
    ...(options.fetch ? {} : { sendRefusedMethods: sendOverNodeHttp }),
    timeoutMs: settings.timeoutMs,
    ...(options.headers ? { headers: options.headers } : {}),
    ...(options.query ? { query: options.query } : {}),
    credentialHeaders: credentialHeaders(contract),
    credentialQuery: credentialHeaders(contract, 'query'),
    requiredQuery: (op) => requiredQuery(contract, op, settings.seed),
    requiredParams: (op) => {
      let values = requiredParams.get(op.operationId);
      if (!values) {
        values = {
          ...requiredQuery(contract, op, settings.seed, 'header'),
          ...requiredQuery(contract, op, settings.seed, 'cookie'),
        };
        requiredParams.set(op.operationId, values);
      }
      return values;
    },
  });
  http.onWait = (text) => progress({ kind: 'wait', text });
  http.onSend = (count) => progress({ kind: 'sent', count });
  let ended: 'timeout' | 'interrupted' | undefined;
  const end = (kind: 'timeout' | 'interrupted', reason: string) => {
    if (ended) return;
    ended = kind;
    progress({ kind: 'stage', text: `Stopping: ${reason}` });
    http.stop(reason);
  };
  const runTimeoutMs = options.runTimeoutMs ?? 300_000;
  const timer = setTimeout(
    () => end('timeout', `the run's --timeout (${Math.round(runTimeoutMs / 1000)} s) passed`),
    runTimeoutMs,
  );
  const onAbort = () => end('interrupted', 'the run was interrupted');
  if (options.signal?.aborted) onAbort();
  options.signal?.addEventListener('abort', onAbort);
  let leftovers: string[] = [];
  const finish = (
    checks: CheckResult[],
    notes: string[],
    fatal?: string,
    fatalKind: 'selection' | 'backend' = 'backend',
  ): RunResult => {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onAbort);
    const failures = checks.flatMap((c) => c.failures);
    return {
      ok: !fatal && !ended && failures.length === 0 && leftovers.length === 0,
      baseUrl: settings.baseUrl,
      seed: settings.seed,
      startedAt: new Date(started).toISOString(),
      durationMs: Date.now() - started,
      checks,
      failures,
      notes,
      coverage: computeCoverage(contract.operations, http.journal, checks),
      requests: http.journal.length,
      ...(fatal ? { fatal, fatalKind } : {}),
      ...(ended ? { ended } : {}),
      leftovers,
      ...(options.rules
        ? { rules: judgeRules(buildInventory(contract), { exchanges: http.journal, checks }) }
        : {}),
    };
  };

  const profiles = options.profiles ?? [];
  const realWorld = realWorldOf(profiles);
  const planned = buildPlan(
    contract,
    { only: options.only ?? [], skip: options.skip ?? [], readOnly: settings.readOnly },
    withProfileChecks(CHECKS, profiles),
  );
  if (!planned.ok) return finish([], [], planned.problems.join(' '), 'selection');
  const { plan } = planned;
  const specFile = contract.spec?.path?.split(/[/\\]/).filter(Boolean).at(-1) ?? 'openapi.yaml';
  const notes = [
    ...plan.notes,
    ...(realWorld?.notes(contract, settings.testNumber) ?? []),
    ...unknownFormatNotes(contract.spec?.document, specFile),
  ];
  progress({ kind: 'stage', text: `Connecting to ${settings.baseUrl}` });
  const demo = profiles.find((p) => p.login)?.login;
  const connected = await connect(http.as('connect'), contract, {
    email: options.email ?? demo?.email,
    password: options.password ?? demo?.password,
    token: options.token,
  });
  if (!connected.ok) return finish([], notes, connected.fatal);
  const { session } = connected;
  notes.push(...connected.notes);
  const resources = new ResourceTracker();
  options.onTracking?.(() => [
    ...resources.pending().map((r) => r.label),
    ...(realWorld?.leftBehind?.(http.journal, settings.testNumber) ?? []),
  ]);
  const selected = (id: string) => plan.operations.has(id);

  const judging = plan.checks.some((c) => c.phase === 'judge');
  const needsFlows = judging || plan.checks.some((c) => c.drivers?.includes('flows'));
  const results: CheckResult[] = [];
  // The realtime check's socket listens from before the flows, so that their events and their
  // call serve it (see event-recorder.ts): no flow driven twice, no second call waited out.
  const events =
    contract.asyncApiPath &&
    session.token &&
    !settings.readOnly &&
    plan.checks.some((c) => c.name === 'realtime')
      ? await startEventRecorder(
          contract.asyncApiPath,
          settings.baseUrl,
          session.token,
          settings.realtimeTimeoutMs,
        ).catch(() => undefined)
      : undefined;
  // token_expiry's token starts to run out now, so that waiting it out overlaps everything below.
  const expiry = plan.checks.some((c) => c.name === 'token_expiry')
    ? startExpiryClock(
        { contract, http: http.as('token_expiry'), session, settings, selected },
        connected.login,
      ).catch((error: Error) => ({
        ok: false as const,
        reason: `its clock could not start (${error.message})`,
      }))
    : undefined;
  const context = {
    contract,
    http,
    settings,
    session,
    resources,
    flows: [] as FlowRecord[],
    events,
    expiry,
    selected,
    realWorld,
  };
  const check = async (c: (typeof plan.checks)[number]) => {
    if (ended) return results.push(notRun(c.name, http.stopped ?? 'the run stopped'));
    progress({ kind: 'start', check: c.name });
    const result = await runCheck(c, context);
    results.push(ended ? cutShort(result, http.stopped ?? '') : result);
    progress({ kind: 'check', result: results.at(-1) as CheckResult });
  };
  try {
    progress({ kind: 'stage', text: 'Driving stateful flows' });
    if (needsFlows && !settings.readOnly)
      context.flows = await driveFlows(
        { contract, http, resources, settings, selected },
        plan,
        notes,
        realWorld,
      );
    // Read while the checks wait on the network and on live calls, not when the realtime check
    // needs it, and not during the flows, whose events the recorder awaits.
    if (contract.asyncApiPath && plan.checks.some((c) => c.name === 'realtime'))
      contract.asyncApi().catch(() => {});
    // A check that waits for the live call runs beside those that do not (run-lanes.ts); with no
    // real-world create made by the flows there is nothing to wait for, and the checks go in turn.
    const sending = plan.checks.filter((c) => c.phase !== 'judge');
    const live = context.flows.some((f) => f.plan.realWorld && f.id !== undefined);
    if (live) await runInLanes(sending, check);
    else for (const c of sending) await check(c);
    // Generated requests last, within what the backend's rate limit still allows (see generatedBudget).
    if (!ended) progress({ kind: 'stage', text: 'Sending generated valid and invalid requests' });
    const budget = generatedBudget(contract, http, settings, plan, resources.pending().length);
    const generated = http.as('generated');
    if (judging)
      notes.push(
        ...(await driveReads(
          contract,
          generated,
          new ExistingIds(contract, generated),
          selected,
          settings.seed,
          settings.examples,
          budget.reads,
          !plan.checks.some((c) => c.name === 'ignored_auth'),
        )),
      );
    if (judging && !settings.readOnly)
      await driveBoundaries(contract, generated, resources, selected, settings.seed, budget.reads);
    // Every write the flows and checks did not get a 2xx from, with a valid body and the run's own ids.
    if (judging && !settings.readOnly)
      notes.push(
        ...(await driveWrites(contract, http.as('writes'), resources, selected, settings, budget.reads)),
      );
    if (plan.checks.some((c) => c.name === 'negative_data_rejection'))
      notes.push(
        ...(await driveNegative(
          contract,
          http.as('negative'),
          resources,
          selected,
          settings,
          budget.negative,
        )),
      );
    if (plan.checks.some((c) => c.name === 'negative_data_rejection') && !settings.readOnly)
      await driveSeveralWrong(contract, http.as('negative'), resources, selected, settings, budget.negative);
    const leftOut = budget.reads.leftOut + budget.negative.leftOut;
    if (leftOut > 0 && budget.remaining !== undefined)
      notes.push(
        `Request budget: ${leftOut} generated requests left out to stay within the backend's rate limit (RateLimit-Remaining ${budget.remaining} when they started); --depth deep sends them all, waiting the limit out.`,
      );
  } finally {
    events?.socket.close();
    void expiry?.then((start) => start.ok && start.clock.socket?.close());
    // Whatever happened above, even a timeout or Ctrl-C, what the run created goes.
    progress({ kind: 'stage', text: 'Removing what the run created' });
    http.resume();
    realWorld?.cleanup?.(contract, http.journal, resources, settings.testNumber);
    leftovers = await resources.cleanup(http.as('cleanup'));
  }
  if (http.totalRateLimitedMs > 0)
    notes.push(
      `The backend's rate limits made the run wait ${Math.round(http.totalRateLimitedMs / 1000)} s in all (429 answers waited out and retried).`,
    );
  // The judges only read the answers already in hand: they run even after a stop.
  const stoppedBy = ended;
  ended = undefined;
  for (const c of plan.checks.filter((c) => c.phase === 'judge')) await check(c);
  ended = stoppedBy;
  // Reported in plan order, whichever lane finished first.
  const order = plan.checks.map((c) => c.name);
  return finish(
    results.sort((a, b) => order.indexOf(a.name) - order.indexOf(b.name)),
    notes,
  );
}

/**
 * Drives every flow of the plan once, before the checks that judge them. A real-world create (a
 * call) goes only to the run's test value, with what its profile prepared and once it is free.
 */
async function driveFlows(ctx: DriveContext, plan: Plan, notes: string[], realWorld: RealWorld | undefined) {
  const records: FlowRecord[] = [];
  for (const flow of deriveFlows(ctx.contract)) {
    if (!plan.operations.has(flow.create.operationId)) continue;
    if (flow.realWorld && !ctx.settings.testNumber) continue;
    const flowCtx = { ...ctx, http: ctx.http.as('flows') };
    const realWorldFields = flow.realWorld ? await realWorld?.prepare?.(flowCtx) : undefined;
    try {
      records.push(
        await runFlow(flow, ctx.contract, flowCtx.http, ctx.resources, {
          ...ctx.settings,
          ...(realWorldFields ? { realWorldFields } : {}),
          ...(realWorld?.whenFree
            ? { whenFree: () => realWorld.whenFree?.(flowCtx) ?? Promise.resolve() }
            : {}),
        }),
      );
    } catch (error) {
      // The checks that wait on the same answer fail on it; the flow only notes it. An item
      // operation whose path values the run did not learn is skipped, not a crash.
      if (!(error instanceof UnreadableAnswer || error instanceof NoPathValue)) throw error;
      notes.push(`The ${flow.create.operationId} flow stopped: ${error.message}`);
    }
  }
  return records;
}

/** A check the run never reached, after its --timeout or an interrupt. */
function notRun(name: string, reason: string): CheckResult {
  return {
    name,
    status: 'skipped',
    failures: [],
    notes: [`${name}: skipped: not run, ${reason}.`],
    operations: [],
    requests: 0,
    judged: 0,
    durationMs: 0,
  };
}

/**
 * The check that was running when the run stopped: its requests after the stop failed for the
 * runner's own reason, so failures that cite the stop are dropped, and a check left with none is
 * reported as cut short, not passed.
 */
function cutShort(result: CheckResult, reason: string): CheckResult {
  const failures = result.failures.filter((f) => !`${f.message} ${f.actual}`.includes(reason));
  const note = `${result.name}: cut short: ${reason}.`;
  if (failures.length) return { ...result, failures, notes: [...result.notes, note] };
  return {
    ...result,
    status: 'skipped',
    failures,
    notes: [...result.notes, `${result.name}: skipped: ${reason}.`],
  };
}

/**
 * The generated requests' budget. Deep runs send them all and wait out any 429. Otherwise, when
 * the backend announces its default policy's RateLimit-Remaining, the generated requests keep
 * within it (less a reserve for the cleanup), 40% for valid reads and boundaries, 60% for invalid
 * input, each spread evenly over the operations: a run that waits a minute for the window to reset
 * judges nothing new meanwhile.
 */
function generatedBudget(
  contract: Contract,
  http: HttpClient,
  settings: RunSettings,
  plan: Plan,
  pending: number,
): { reads: RequestBudget; negative: RequestBudget; remaining: number | undefined } {
  const unlimited = {
    reads: RequestBudget.unlimited(),
    negative: RequestBudget.unlimited(),
    remaining: undefined,
  };
  const limits = contract.extensions.rateLimits;
  if (settings.depth === 'deep' || !limits) return unlimited;
  const isDefault = (id: string | undefined) => {
    const op = id ? contract.byId.get(id) : undefined;
    return op !== undefined && (op.rateLimitPolicy ?? limits.defaultPolicy) === limits.defaultPolicy;
  };
  const last = http.journal.findLast(
    (e) => isDefault(e.operationId) && e.response?.headers['ratelimit-remaining'] !== undefined,
  );
  const remaining = Number(last?.response?.headers['ratelimit-remaining']);
  if (!Number.isFinite(remaining)) return unlimited;
  // The cleanup deletes what is pending plus what the boundaries create (counted in their cost).
  const available = Math.max(0, remaining - pending - CLEANUP_RESERVE);
  const ops = [...plan.operations].filter((id) => isDefault(id));
  const gets = ops.filter((id) => contract.byId.get(id)?.method === 'get');
  const reads = Math.floor(available * 0.4);
  return {
    reads: new RequestBudget(reads, Math.max(1, Math.floor(reads / Math.max(1, gets.length)))),
    negative: new RequestBudget(
      available - reads,
      Math.max(1, Math.floor((available - reads) / Math.max(1, ops.length))),
    ),
    remaining,
  };
}

const CLEANUP_RESERVE = 10;

/** The header (or query) names the spec's apiKey schemes put a credential in, headers lower case. */
function credentialHeaders(contract: Contract, where: 'header' | 'query' = 'header'): string[] {
  const schemes = Object.values(contract.spec?.document.components?.securitySchemes ?? {}) as {
    type?: string;
    in?: string;
    name?: string;
  }[];
  return schemes
    .filter((s) => s.type === 'apiKey' && s.in === where && s.name)
    .map((s) => (where === 'header' ? String(s.name).toLowerCase() : String(s.name)));
}

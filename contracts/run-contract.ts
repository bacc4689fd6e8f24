import type { Check, CheckContext, RunSettings } from './checks/types.ts';
import { computeCoverage } from './coverage.ts';
import { connect } from './execute/connect.ts';
import { driveBoundaries } from './execute/drive-boundaries.ts';
import { driveNegative } from './execute/drive-negative.ts';
import { driveReads } from './execute/drive-reads.ts';
import { ExistingIds } from './execute/existing-ids.ts';
import { HttpClient } from './execute/http-client.ts';
import { ResourceTracker } from './execute/resources.ts';
import { type FlowRecord, runFlow } from './execute/run-flows.ts';
import type { Session } from './execute/session.ts';
import { foldFailures } from './fold-failures.ts';
import { newSeed } from './generate/valid-values.ts';
import { buildPlan, type Plan } from './plan/build-plan.ts';
import { deriveFlows } from './plan/derive-flows.ts';
import { type Contract, loadContract } from './plan/load-contract.ts';
import type { CheckResult, Failure, RunResult } from './types.ts';

export interface RunContractOptions {
  baseUrl: string;
  fetch?: typeof globalThis.fetch;
  email?: string;
  password?: string;
  token?: string | undefined;
  only?: string[];
  skip?: string[];
  seed?: number | undefined;
  examples?: number;
  testNumber?: string | undefined;
  readOnly?: boolean;
  rateLimitBurst?: boolean;
  timeoutMs?: number;
  realtimeTimeoutMs?: number;
  callTimeoutMs?: number;
  corsOrigins?: string[];
  /** A loaded contract, to share one between runs (tests); loaded from openapi.yaml otherwise. */
  contract?: Contract;
  /** Told about each stage and each finished check, for a progress display. */
  onProgress?: (event: ProgressEvent) => void;
}

export type ProgressEvent = { kind: 'stage'; text: string } | { kind: 'check'; result: CheckResult };

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
    examples: options.examples ?? 5,
    testNumber: options.testNumber,
    readOnly: options.readOnly ?? false,
    rateLimitBurst: options.rateLimitBurst ?? false,
    timeoutMs: options.timeoutMs ?? 10_000,
    realtimeTimeoutMs: options.realtimeTimeoutMs ?? 5_000,
    callTimeoutMs: options.callTimeoutMs ?? 180_000,
    corsOrigins: options.corsOrigins ?? [],
  };
  const progress = options.onProgress ?? (() => {});
  const contract = options.contract ?? (await loadContract());
  const http = new HttpClient({
    baseUrl: settings.baseUrl,
    fetch: options.fetch ?? fetch,
    timeoutMs: settings.timeoutMs,
  });
  const finish = (
    checks: CheckResult[],
    notes: string[],
    fatal?: string,
    fatalKind: 'selection' | 'backend' = 'backend',
  ): RunResult => {
    const failures = checks.flatMap((c) => c.failures);
    return {
      ok: !fatal && failures.length === 0,
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
    };
  };

  const planned = buildPlan(contract, {
    only: options.only ?? [],
    skip: options.skip ?? [],
    readOnly: settings.readOnly,
  });
  if (!planned.ok) return finish([], [], planned.problems.join(' '), 'selection');
  const { plan } = planned;
  const notes = [...plan.notes, ...testNumberNotes(contract, settings.testNumber)];
  progress({ kind: 'stage', text: `Connecting to ${settings.baseUrl}` });
  const connected = await connect(http.as('connect'), contract, {
    email: options.email ?? 'admin@example.com',
    password: options.password ?? 'admin123',
    token: options.token,
  });
  if (!connected.ok) return finish([], notes, connected.fatal);
  const { session } = connected;
  const resources = new ResourceTracker();
  const selected = (id: string) => plan.operations.has(id);

  progress({ kind: 'stage', text: 'Driving stateful flows and generated requests' });
  const flows = settings.readOnly ? [] : await driveFlows(contract, http, resources, plan, settings);
  const wants = (name: string) => plan.checks.some((c) => c.name === name);
  if (plan.checks.some((c) => c.phase === 'judge'))
    notes.push(
      ...(await driveReads(
        contract,
        http.as('generated'),
        new ExistingIds(contract, http.as('generated')),
        selected,
        settings.seed,
        settings.examples,
      )),
    );
  if (wants('positive_data_acceptance') && !settings.readOnly)
    await driveBoundaries(contract, http.as('generated'), resources, selected, settings.seed);
  if (wants('negative_data_rejection'))
    notes.push(...(await driveNegative(contract, http.as('negative'), resources, selected, settings)));

  const results: CheckResult[] = [];
  const context = { contract, http, settings, session, resources, flows, selected };
  for (const check of plan.checks.filter((c) => c.phase !== 'judge'))
    results.push(await runCheck(check, context, progress));
  progress({ kind: 'stage', text: 'Removing what the run created' });
  notes.push(...(await cleanup(contract, http, resources, settings)));
  if (http.totalRateLimitedMs > 0)
    notes.push(
      `The backend's rate limits made the run wait ${Math.round(http.totalRateLimitedMs / 1000)} s in all (429 answers waited out and retried).`,
    );
  for (const check of plan.checks.filter((c) => c.phase === 'judge'))
    results.push(await runCheck(check, context, progress));
  return finish(results, notes);
}

async function driveFlows(
  contract: Contract,
  http: HttpClient,
  resources: ResourceTracker,
  plan: Plan,
  settings: RunSettings,
) {
  const records: FlowRecord[] = [];
  for (const flow of deriveFlows(contract)) {
    if (!plan.operations.has(flow.create.operationId)) continue;
    if (flow.realWorld && !settings.testNumber) continue;
    records.push(await runFlow(flow, contract, http.as('flows'), resources, settings));
  }
  return records;
}

interface SharedContext {
  contract: Contract;
  http: HttpClient;
  settings: RunSettings;
  session: Session;
  resources: ResourceTracker;
  flows: FlowRecord[];
  selected: (id: string) => boolean;
}

async function runCheck(
  check: Check,
  shared: SharedContext,
  progress: (e: ProgressEvent) => void,
): Promise<CheckResult> {
  const started = Date.now();
  const failures: Failure[] = [];
  const notes: string[] = [];
  const judged = new Set<string>();
  const client = shared.http.as(check.name);
  const ctx: CheckContext = {
    ...shared,
    http: client,
    exchanges: () => shared.http.journal,
    fail: ({ exchange, ...failure }) =>
      failures.push({
        check: check.name,
        ...failure,
        curl: exchange ? client.curl(exchange.request) : undefined,
      }),
    note: (text) => notes.push(text),
    judged: (operationId) => {
      if (operationId) judged.add(operationId);
    },
  };
  try {
    await check.run(ctx);
  } catch (error) {
    // A crash of a check is the runner's bug, reported as such rather than hidden.
    notes.push(`${check.name} stopped early: ${(error as Error).stack ?? String(error)}`);
  }
  const mine = shared.http.journal.filter((e) => e.by === check.name || check.drivers?.includes(e.by));
  for (const e of mine) if (e.operationId) judged.add(e.operationId);
  const folded = foldFailures(failures);
  // A check that reached nothing and said why was skipped, not passed.
  const skipped = folded.length === 0 && judged.size === 0 && mine.length === 0 && notes.length > 0;
  const result: CheckResult = {
    name: check.name,
    status: folded.length > 0 ? 'failed' : skipped ? 'skipped' : 'passed',
    failures: folded,
    notes,
    operations: [...judged],
    requests: mine.length,
    durationMs: Date.now() - started,
  };
  progress({ kind: 'check', result });
  return result;
}

async function cleanup(
  contract: Contract,
  http: HttpClient,
  resources: ResourceTracker,
  settings: RunSettings,
) {
  const placed = http.journal.some((e) => e.operationId === 'placeCall' && (e.response?.status ?? 500) < 300);
  const history = contract.byId.get('deleteCallHistory');
  if (placed && history && settings.testNumber)
    resources.add(`call history of ${settings.testNumber}`, history, { targetNumber: settings.testNumber });
  return resources.cleanup(http.as('cleanup'));
}

function testNumberNotes(contract: Contract, testNumber: string | undefined): string[] {
  const place = contract.byId.get('placeCall');
  const listed = Object.keys(
    ((place?.operation as Record<string, unknown> | undefined)?.['x-test-numbers'] ?? {}) as object,
  );
  if (!testNumber)
    return [`No --test-number: no call was placed (the spec's test numbers: ${listed.join(', ')}).`];
  if (!listed.includes(testNumber))
    return [
      `--test-number ${testNumber} is not one of placeCall's x-test-numbers (${listed.join(', ')}): make sure it rings nobody.`,
    ];
  return [];
}

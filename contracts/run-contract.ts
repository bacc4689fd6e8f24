import type { RunSettings } from './checks/types.ts';
import { computeCoverage } from './coverage.ts';
import { connect } from './execute/connect.ts';
import { driveBoundaries } from './execute/drive-boundaries.ts';
import { driveNegative } from './execute/drive-negative.ts';
import { driveReads } from './execute/drive-reads.ts';
import { ExistingIds } from './execute/existing-ids.ts';
import { HttpClient } from './execute/http-client.ts';
import { ResourceTracker } from './execute/resources.ts';
import { type FlowRecord, runFlow } from './execute/run-flows.ts';
import { newSeed } from './generate/valid-values.ts';
import { buildPlan, type Plan } from './plan/build-plan.ts';
import { deriveFlows } from './plan/derive-flows.ts';
import { type Contract, loadContract } from './plan/load-contract.ts';
import { runCheck } from './run-check.ts';
import type { CheckResult, RunResult } from './types.ts';

export interface RunContractOptions {
  baseUrl: string;
  /** The OpenAPI document (file or URL); the project's openapi.yaml by default. */
  spec?: string | undefined;
  /** Its AsyncAPI document; by default asyncapi.yaml beside the spec, if there is one. */
  asyncapi?: string | undefined;
  /** Headers sent with every request (`--header`). */
  headers?: Record<string, string>;
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
  const contract =
    options.contract ??
    (await loadContract({
      ...(options.spec ? { openapi: options.spec } : {}),
      ...(options.asyncapi ? { asyncapi: options.asyncapi } : {}),
    }));
  const http = new HttpClient({
    baseUrl: settings.baseUrl,
    fetch: options.fetch ?? fetch,
    timeoutMs: settings.timeoutMs,
    ...(options.headers ? { headers: options.headers } : {}),
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
  notes.push(...connected.notes);
  const resources = new ResourceTracker();
  const selected = (id: string) => plan.operations.has(id);

  const judging = plan.checks.some((c) => c.phase === 'judge');
  const needsFlows = judging || plan.checks.some((c) => c.drivers?.includes('flows'));
  const results: CheckResult[] = [];
  const context = { contract, http, settings, session, resources, flows: [] as FlowRecord[], selected };
  try {
    progress({ kind: 'stage', text: 'Driving stateful flows and generated requests' });
    if (needsFlows && !settings.readOnly)
      context.flows = await driveFlows(contract, http, resources, plan, settings);
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
        )),
      );
    if (judging && !settings.readOnly)
      await driveBoundaries(contract, generated, resources, selected, settings.seed);
    if (plan.checks.some((c) => c.name === 'negative_data_rejection'))
      notes.push(...(await driveNegative(contract, http.as('negative'), resources, selected, settings)));
    for (const check of plan.checks.filter((c) => c.phase !== 'judge'))
      results.push(await runCheck(check, context, (result) => progress({ kind: 'check', result })));
  } finally {
    // Whatever happened above, what the run created goes.
    progress({ kind: 'stage', text: 'Removing what the run created' });
    notes.push(...(await cleanup(contract, http, resources, settings)));
  }
  if (http.totalRateLimitedMs > 0)
    notes.push(
      `The backend's rate limits made the run wait ${Math.round(http.totalRateLimitedMs / 1000)} s in all (429 answers waited out and retried).`,
    );
  for (const check of plan.checks.filter((c) => c.phase === 'judge'))
    results.push(await runCheck(check, context, (result) => progress({ kind: 'check', result })));
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
  if (!place) return [];
  const listed = Object.keys(
    ((place.operation as Record<string, unknown> | undefined)?.['x-test-numbers'] ?? {}) as object,
  );
  if (!testNumber)
    return [`No --test-number: no call was placed (the spec's test numbers: ${listed.join(', ')}).`];
  if (!listed.includes(testNumber))
    return [
      `--test-number ${testNumber} is not one of placeCall's x-test-numbers (${listed.join(', ')}): make sure it rings nobody.`,
    ];
  return [];
}

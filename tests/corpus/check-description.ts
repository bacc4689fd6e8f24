import { readFile } from 'node:fs/promises';
import YAML from 'yaml';
import { runContract } from '../../contracts/run-contract.ts';
import type { Resource } from '../../mock/engine/describe-resources.ts';
import type { SpecOperation } from '../../mock/openapi/operations.ts';
import { type RunningMock, startMock } from '../../mock/start-mock.ts';
import { TEST_OPTIONS } from '../mock/support.ts';
import { type CorpusEntry, type DescriptionReport, emptyReport, entryFile } from './corpus-entries.ts';
import { judgeOf } from './judge-answer.ts';
import {
  credentials,
  idIn,
  listHas,
  mockTarget,
  type RequestTarget,
  sampleOperations,
  typicalRequest,
} from './typical-request.ts';

export interface CheckLimits {
  /** At most this many operations are sent: an even sample of a larger document, every one of a smaller. */
  maxOperations: number;
  /** The runner's whole run is bounded by this. */
  runnerMs: number;
  /** Each request's bound. */
  requestMs: number;
  /** The runner's checks to run (`--only`); every one when empty. */
  runnerChecks: string[];
}

/**
 * The bounds of `npm test`: an even sample of 20 operations a description (every operation of the
 * smaller ones), and the runner's checks that judge every answer, not its longer flows. `npm run
 * corpus -- --all` lifts them.
 */
export const CI_LIMITS: CheckLimits = {
  maxOperations: 20,
  // A bound, not a speed target: linode's run takes 10 s alone and 55 s on a machine at load 16.
  runnerMs: 90_000,
  requestMs: 10_000,
  runnerChecks: [
    'not_a_server_error',
    'status_code_conformance',
    'content_type_conformance',
    'response_schema_conformance',
  ],
};

const ORDER = ['get', 'head', 'options', 'post', 'put', 'patch', 'trace', 'delete'];
const key = (op: SpecOperation) => `${op.method.toUpperCase()} ${op.path}`;

/**
 * Checks one description: it starts; every (sampled) operation answers a typical request with no
 * 5xx and with an answer the independent judge (Ajv over the published document) accepts; each
 * inferred collection keeps a create (read back, found in the list); the runner passes against the
 * mock. Writes come after reads and removals last, so that a read meets the seeded records.
 */
export async function checkDescription(
  entry: CorpusEntry,
  limits: CheckLimits,
  onStarted: (report: DescriptionReport) => void = () => {},
): Promise<DescriptionReport> {
  const file = entryFile(entry);
  const text = await readFile(file, 'utf8');
  const document = file.endsWith('.json') ? JSON.parse(text) : YAML.parse(text);
  const report: DescriptionReport = {
    ...emptyReport(entry.id),
    version: String(document.openapi ?? document.swagger),
    bytes: Buffer.byteLength(text),
  };
  const began = performance.now();
  let mock: RunningMock;
  try {
    mock = await startMock({ ...TEST_OPTIONS, host: '127.0.0.1', lenient: entry.lenient ?? false }, file);
  } catch (error) {
    report.startError = oneLine(error);
    report.peakRssMb = peakRss();
    return report;
  }
  report.started = true;
  report.startMs = Math.round(performance.now() - began);
  report.rssMb = Math.round(process.memoryUsage().rss / 2 ** 20);
  report.warnings = [...mock.specProblems, ...mock.specWarnings].slice(0, 5);
  onStarted(report);
  try {
    const judge = judgeOf(document);
    const target = mockTarget(mock);
    const once = async (plan: ReturnType<typeof typicalRequest>) => {
      const res = await fetch(plan.url, {
        method: plan.method,
        headers: plan.headers,
        body: plan.body ?? null,
        signal: AbortSignal.timeout(limits.requestMs),
      });
      return { res, text: await res.text() };
    };
    // A kept-alive socket the server reset before the request reached it (GitHub's mock, after
    // GET /notifications, on main too) is the transport's, not an answer: sent again once, on a
    // new connection. A second failure is reported as no answer.
    const send = (plan: ReturnType<typeof typicalRequest>) =>
      once(plan).catch((error: unknown) => {
        if ((error as { cause?: { code?: string } }).cause?.code !== 'ECONNRESET') throw error;
        return once(plan);
      });
    const operations = [...mock.ctx.operations.values()];
    report.operations = operations.length;
    const chosen = sampleOperations(operations, limits.maxOperations).sort(
      (a, b) => ORDER.indexOf(a.method) - ORDER.indexOf(b.method),
    );
    for (const op of chosen) {
      if (op.method === 'trace') {
        report.unsent[key(op)] = 'fetch cannot send TRACE';
        continue;
      }
      let plan: ReturnType<typeof typicalRequest>;
      try {
        plan = typicalRequest(target, op);
      } catch (error) {
        report.unsent[key(op)] = oneLine(error);
        continue;
      }
      report.sent++;
      try {
        const { res, text } = await send(plan);
        if (res.status >= 500) report.serverErrors[key(op)] = `${res.status} ${text.slice(0, 160)}`;
        else if (res.status >= 400) report.clientErrors++;
        const problems = judge(op.path, op.method, {
          status: res.status,
          contentType: res.headers.get('content-type'),
          body: text,
        });
        if (problems.length > 0) report.invalid[key(op)] = problems.join('; ').slice(0, 240);
      } catch (error) {
        report.serverErrors[key(op)] = `no answer: ${oneLine(error)}`;
      }
    }
    for (const resource of mock.ctx.resources) {
      const failure = await roundTrip(target, resource, send).catch((error: unknown) => oneLine(error));
      if (failure === undefined) report.roundTrips.passed.push(resource.name);
      else if (failure !== 'none') report.roundTrips.failed[resource.name] = failure;
    }
    report.unjudged = [...judge.unjudged];
    report.runner = await runnerOn(mock, file, limits);
  } finally {
    await mock.close();
  }
  report.peakRssMb = peakRss();
  return report;
}

/**
 * The runner against the mock: the names of the checks that failed. A run that did not finish
 * (its bound, or a throw the runner should not make) is one name, since how far it got varies.
 */
async function runnerOn(
  mock: RunningMock,
  file: string,
  limits: CheckLimits,
): Promise<NonNullable<DescriptionReport['runner']>> {
  try {
    const result = await runContract({
      baseUrl: mock.baseUrl,
      spec: file,
      headers: credentials(mock.ctx.spec.document).headers,
      // An API key the description takes in the query (CircleCI's circle-token, Musixmatch's apikey).
      query: credentials(mock.ctx.spec.document).query,
      seed: 5,
      depth: 'quick',
      only: limits.runnerChecks,
      runTimeoutMs: limits.runnerMs,
      timeoutMs: limits.requestMs,
    });
    const failed = result.ended
      ? [`did not finish (${result.ended})`]
      : result.fatal
        ? [`fatal: ${result.fatal.slice(0, 80)}`]
        : [...new Set(result.failures.map((f) => f.check))].sort();
    return {
      ok: result.ok,
      failedChecks: failed,
      failures: result.failures.length,
      requests: result.requests,
    };
  } catch (error) {
    return { ok: false, failedChecks: [`threw: ${oneLine(error).slice(0, 80)}`], failures: 0, requests: 0 };
  }
}

type Send = (plan: ReturnType<typeof typicalRequest>) => Promise<{ res: Response; text: string }>;

/**
 * Create, read back, find in the list: undefined when the collection keeps the record, the reason
 * when it does not, `none` for a collection that has no create and read to try.
 */
async function roundTrip(target: RequestTarget, resource: Resource, send: Send): Promise<string | undefined> {
  const { create, read, list } = resource.operations;
  if (!create || !read) return 'none';
  const created = await send(typicalRequest(target, create));
  if (created.res.status >= 300)
    return `create answered ${created.res.status}: ${created.text.slice(0, 120)}`;
  const id = idIn(parse(created.text), resource) ?? created.res.headers.get('location')?.split('/').at(-1);
  if (!id) return `the create's answer names no ${resource.idField}`;
  const parentValues: Record<string, string> = {};
  if (resource.parent) {
    const parentValue = (parse(created.text) as Record<string, unknown> | undefined)?.[resource.parent.field];
    if (parentValue !== undefined) parentValues[resource.parent.param] = String(parentValue);
  }
  const itemValues = { ...parentValues, ...(resource.idParam ? { [resource.idParam]: id } : {}) };
  const readBack = await send(typicalRequest(target, read, itemValues));
  if (readBack.res.status >= 300) return `read of ${id} answered ${readBack.res.status}`;
  if (idIn(parse(readBack.text), resource) !== id) return `read of ${id} answered another record`;
  if (!list) return undefined;
  const listed = await send(typicalRequest(target, list, parentValues));
  if (listed.res.status >= 300) return `list answered ${listed.res.status}`;
  if (!listHas(parse(listed.text), resource, id)) return `${id} is not in the list`;
  return undefined;
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

const oneLine = (error: unknown) =>
  String((error as Error)?.message ?? error)
    .replace(/\s+/g, ' ')
    .slice(0, 240);

const peakRss = () => Math.round(process.resourceUsage().maxRSS / 1024);

import { readFile } from 'node:fs/promises';
import YAML from 'yaml';
import { runContract } from '../../contracts/run-contract.ts';
import type { SpecOperation } from '../../mock/openapi/operations.ts';
import { type RunningMock, startMock } from '../../mock/start-mock.ts';
import { TEST_OPTIONS } from '../mock/support.ts';
import { type CorpusEntry, type DescriptionReport, emptyReport, entryFile } from './corpus-entries.ts';
import { judgeOf } from './judge-answer.ts';
import { type Made, madeBy, parse, removeAll, roundTrip, type Send } from './round-trip.ts';
import {
  credentials,
  mockTarget,
  type RequestPlan,
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
    // One connection a request: a socket the harness left idle was the runner's first, and the
    // server closed it as the runner's probe went out (GitHub: "GET / (probe) got no HTTP answer",
    // after the 13 MB description's parse held the event loop past the keep-alive timeout).
    const once = async (plan: RequestPlan) => {
      const headers = new Headers(plan.headers);
      headers.set('connection', 'close');
      const res = await fetch(plan.url, {
        method: plan.method,
        headers,
        body: plan.body ?? null,
        signal: AbortSignal.timeout(limits.requestMs),
      });
      return { res, text: await res.text() };
    };
    // A kept-alive socket the server reset before the request reached it (GitHub's mock, after
    // GET /notifications, on main too) is the transport's, not an answer: sent again once, on a
    // new connection. A second failure is reported as no answer.
    const retried = (plan: RequestPlan) =>
      once(plan).catch((error: unknown) => {
        if ((error as { cause?: { code?: string } }).cause?.code !== 'ECONNRESET') throw error;
        return once(plan);
      });
    // Every answer the harness gets counts for the 5xx column, the round trips' and cleanup's too.
    const send: Send = async (plan, op) => {
      const answer = await retried(plan);
      if (answer.res.status >= 500)
        report.serverErrors[key(op)] ??= `${answer.res.status} ${answer.text.slice(0, 160)}`;
      return answer;
    };
    const made: Made[] = [];
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
      let plan: RequestPlan;
      try {
        plan = typicalRequest(target, op);
      } catch (error) {
        report.unsent[key(op)] = oneLine(error);
        continue;
      }
      report.sent++;
      try {
        const { res, text } = await send(plan, op);
        if (res.status >= 400 && res.status < 500) report.clientErrors++;
        const creates = mock.ctx.resources.find((r) => r.operations.create === op);
        if (creates && res.status < 300) made.push(...madeBy(creates, parse(text), res));
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
      const outcome = await roundTrip(target, resource, send, made).catch((error: unknown) => oneLine(error));
      if (outcome === undefined) report.roundTrips.passed.push(resource.name);
      else if (typeof outcome === 'object') report.roundTrips.noted[resource.name] = outcome.note;
      else if (outcome !== 'none') report.roundTrips.failed[resource.name] = outcome;
    }
    report.leftBehind = await removeAll(target, made, send);
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
      leftovers: result.leftovers.length,
    };
  } catch (error) {
    return {
      ok: false,
      failedChecks: [`threw: ${oneLine(error).slice(0, 80)}`],
      failures: 0,
      requests: 0,
      leftovers: 0,
    };
  }
}

const oneLine = (error: unknown) =>
  String((error as Error)?.message ?? error)
    .replace(/\s+/g, ' ')
    .slice(0, 240);

const peakRss = () => Math.round(process.resourceUsage().maxRSS / 1024);

import { readFile } from 'node:fs/promises';
import YAML from 'yaml';
import { runContract } from '../../contracts/run-contract.ts';
import type { Resource } from '../../mock/engine/describe-resources.ts';
import { objectShape, successResponse } from '../../mock/engine/schema-shape.ts';
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
  type RequestPlan,
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
  runnerMs: 30_000,
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

type Send = (plan: RequestPlan, op: SpecOperation) => Promise<{ res: Response; text: string }>;

/** A record the harness created: where to remove it, when the description has a delete for it. */
interface Made {
  resource: Resource;
  id: string;
  pathValues: Record<string, string>;
}

/** What a create answered: the record it made (its id, and its parent's from the answer). */
function madeBy(resource: Resource, body: unknown, res: Response): Made[] {
  const id = idIn(body, resource) ?? res.headers.get('location')?.split('/').at(-1);
  if (!id) return [];
  const pathValues: Record<string, string> = {};
  if (resource.parent) {
    const parentValue = (body as Record<string, unknown> | undefined)?.[resource.parent.field];
    if (parentValue !== undefined) pathValues[resource.parent.param] = String(parentValue);
  }
  return [{ resource, id, pathValues }];
}

/**
 * Create, read back, find in the list: undefined when the collection keeps the record, the reason
 * when it does not, `none` for a collection that has no create and read to try, and a note where
 * the description itself leaves no way through (a body no value satisfies; an id the create's
 * answer does not name and no schema of the collection holds). The record made is in `made`.
 */
async function roundTrip(
  target: RequestTarget,
  resource: Resource,
  send: Send,
  made: Made[],
): Promise<string | { note: string } | undefined> {
  const { create, read, list } = resource.operations;
  if (!create || !read) return 'none';
  const plan = typicalRequest(target, create, {}, resource.record);
  if (plan.invalidBody?.defect)
    return { note: `the create's request schema admits no value at ${plan.invalidBody.defect}` };
  const created = await send(plan, create);
  if (created.res.status >= 300) {
    const ours = plan.invalidBody ? ` (the harness found no valid body: ${plan.invalidBody.invalid})` : '';
    return `create answered ${created.res.status}: ${created.text.slice(0, 120)}${ours}`;
  }
  const [record] = madeBy(resource, parse(created.text), created.res);
  if (!record) {
    const held = [resource.record, successResponse(create.operation).schema].some(
      (schema) => resource.idField in objectShape(schema).properties,
    );
    if (held) return `the create's answer names no ${resource.idField}`;
    const keys = Object.keys((parse(created.text) as object | undefined) ?? {}).join(', ');
    return {
      note: `the item path reads by ${resource.idField}, which neither the create's answer (${keys || 'no fields'}) nor any record schema of the collection holds`,
    };
  }
  made.push(record);
  const { id, pathValues: parentValues } = record;
  const itemValues = { ...parentValues, ...(resource.idParam ? { [resource.idParam]: id } : {}) };
  const readBack = await send(typicalRequest(target, read, itemValues), read);
  if (readBack.res.status >= 300) return `read of ${id} answered ${readBack.res.status}`;
  if (idIn(parse(readBack.text), resource) !== id) return `read of ${id} answered another record`;
  if (!list) return undefined;
  // As a client finds it: page after page where the list pages (GitHub's budgets list ten a page,
  // in the order they were added, so the eleventh is on the second), a bounded number of pages.
  const listPlan = typicalRequest(target, list, parentValues);
  for (let page = 1; page <= MAX_PAGES; page++) {
    const url = new URL(listPlan.url);
    if (page > 1 && resource.paging.page) url.searchParams.set(resource.paging.page, String(page));
    const listed = await send({ ...listPlan, url: String(url) }, list);
    if (listed.res.status >= 300) return `list answered ${listed.res.status}`;
    const body = parse(listed.text);
    if (listHas(body, resource, id)) return undefined;
    if (!resource.paging.page || !listHas(body, resource, undefined)) break;
  }
  return `${id} is not in the list`;
}

const MAX_PAGES = 20;

/**
 * Removes what the harness created, where the description has a delete for it: what is left
 * behind, one line each (`collection id: why`). A documented redirect (Jira's 303 to a task) is a
 * removal accepted.
 */
async function removeAll(target: RequestTarget, made: Made[], send: Send): Promise<string[]> {
  const left: string[] = [];
  for (const { resource, id, pathValues } of made) {
    const remove = resource.operations.remove;
    if (!remove) continue;
    const values = { ...pathValues, ...(resource.idParam ? { [resource.idParam]: id } : {}) };
    const removed = await send(typicalRequest(target, remove, values), remove).catch(() => undefined);
    if (!removed || removed.res.status >= 400)
      left.push(`${resource.name} ${id}: delete answered ${removed?.res.status ?? 'nothing'}`);
  }
  return left;
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

import type { CheckContext } from './check-context.ts';
import { describeResponse, requestLine, unanswered } from './checks/describe.ts';
import type { Check } from './checks/types.ts';
import { type HttpClient, NoPathValue } from './execute/http-client.ts';
import { UnreadableAnswer } from './execute/poll.ts';
import { foldFailures } from './fold-failures.ts';
import type { Contract } from './plan/load-contract.ts';
import { operationPointer, specPointer } from './plan/spec-pointer.ts';
import type { CheckResult, Exchange, Failure } from './types.ts';

/** What every check of a run shares. */
export type SharedContext = Pick<
  CheckContext,
  'contract' | 'http' | 'settings' | 'session' | 'resources' | 'flows' | 'events' | 'expiry' | 'realWorld'
> & {
  selected: (id: string) => boolean;
};

/**
 * Runs one check with a context of its own (its requests attributed to it, its failures tagged
 * with its name) and answers its result. A check that throws is the runner's bug; it fails the
 * check with the reason rather than passing silently.
 */
export async function runCheck(
  check: Check,
  shared: SharedContext,
  onDone: (result: CheckResult) => void = () => {},
): Promise<CheckResult> {
  const started = Date.now();
  const failures: Failure[] = [];
  const notes: string[] = [];
  const judged = new Set<string>();
  let judgements = 0;
  const client = shared.http.as(check.name);
  const ctx: CheckContext = {
    ...shared,
    http: client,
    exchanges: () => shared.http.journal,
    fail: ({ exchange, ...failure }) =>
      failures.push({
        check: check.name,
        ...failure,
        specPointer: inSpecFile(failure.specPointer, shared.contract.spec?.path),
        curl: exchange ? client.curl(exchange.request) : undefined,
      }),
    curl: (request) => client.curl(request),
    note: (text) => notes.push(text),
    judged: (operationId) => {
      judgements++;
      if (operationId) judged.add(operationId);
    },
  };
  const reason = check.skipReason?.(ctx);
  if (reason) {
    const result: CheckResult = {
      name: check.name,
      status: 'skipped',
      failures: [],
      notes: [`${check.name}: skipped: ${reason}.`],
      operations: [],
      requests: 0,
      judged: 0,
      durationMs: 0,
    };
    onDone(result);
    return result;
  }
  try {
    if (check.run) await check.run(ctx);
    else check.judge?.(ctx, check.drive ? await check.drive(ctx) : undefined);
  } catch (error) {
    if (error instanceof UnreadableAnswer) {
      const { exchange } = error;
      const op = exchange.operationId ? shared.contract.byId.get(exchange.operationId) : undefined;
      failures.push({
        check: check.name,
        operationId: exchange.operationId,
        title: 'Waiting stopped: an answer the runner cannot follow',
        message: error.message,
        expected: error.expected,
        actual: describeResponse(exchange.response, exchange.error),
        curl: client.curl(exchange.request),
        specPointer: op ? operationPointer(op, 'responses', '200') : 'openapi.yaml#/',
      });
    } else if (error instanceof NoPathValue)
      // The description, not the backend: the operation is skipped with the reason.
      notes.push(
        `${check.name}: skipped ${error.operationId}: the run learned no value for its path parameter {${error.parameter}}.`,
      );
    else failures.push(stoppedEarly(check.name, error));
  }
  const mine = shared.http.journal.filter((e) => e.by === check.name || check.drivers?.includes(e.by));
  for (const e of mine) if (e.operationId) judged.add(e.operationId);
  // Sent and judged agree: a request of this check that got no answer is one of its failures,
  // unless the check already failed on it.
  const lost = unanswered(mine).filter((e) => !failures.some((f) => f.curl === client.curl(e.request)));
  for (const exchange of lost) failures.push(noAnswer(check.name, exchange, client, shared.contract));
  // Every pointer names the spec file the run checked against, whoever wrote the failure.
  const folded = foldFailures(failures).map((f) => ({
    ...f,
    specPointer: inSpecFile(f.specPointer, shared.contract.spec?.path),
  }));
  // A check that judged nothing was skipped, never passed, even where the drivers it reads sent
  // requests (creates that all failed leave nothing to read back): say why.
  const own = mine.filter((e) => e.by === check.name);
  const skipped = folded.length === 0 && judgements === 0 && own.length === 0;
  if (skipped && notes.length === 0)
    notes.push(`${check.name}: skipped: nothing in this run's selection for it to send or judge.`);
  const result: CheckResult = {
    name: check.name,
    status: folded.length > 0 ? 'failed' : skipped ? 'skipped' : 'passed',
    failures: folded,
    notes,
    operations: [...judged],
    requests: mine.length,
    judged: Math.max(judgements, mine.filter((e) => e.response).length + lost.length),
    durationMs: Date.now() - started,
  };
  onDone(result);
  return result;
}

/** A request the check sent that got no HTTP answer: counted, and held against the backend. */
function noAnswer(name: string, exchange: Exchange, client: HttpClient, contract: Contract): Failure {
  const op = exchange.operationId ? contract.byId.get(exchange.operationId) : undefined;
  return {
    check: name,
    operationId: exchange.operationId,
    title: 'No answer',
    message: `${requestLine(exchange)} (${exchange.description ?? exchange.purpose}) got no HTTP answer: ${exchange.error}`,
    expected: 'an HTTP answer',
    actual: `no answer (${exchange.error})`,
    curl: client.curl(exchange.request),
    specPointer: inSpecFile(
      op ? operationPointer(op, 'responses') : specPointer('paths'),
      contract.spec?.path,
    ),
  };
}

/** A check that threw is the runner's bug (or an answer it did not foresee): it fails, saying where. */
function stoppedEarly(name: string, error: unknown): Failure {
  const reason = (error as Error).stack?.split('\n').slice(0, 3).join(' ') ?? String(error);
  return {
    check: name,
    operationId: undefined,
    title: 'The check stopped early (a bug in the runner, or an answer it could not read)',
    message: reason,
    expected: 'the check to run to its end',
    actual: (error as Error).message ?? String(error),
    curl: undefined,
    specPointer: 'openapi.yaml#/',
  };
}

/** Pointers name the file the run checked against: `petstore.yaml#/paths/…` for --spec petstore.yaml. */
function inSpecFile(pointer: string, specPath: string | undefined): string {
  const file = specPath?.split(/[/\\]/).filter(Boolean).at(-1);
  if (!file || file === 'openapi.yaml' || !pointer.startsWith('openapi.yaml#')) return pointer;
  return `${file}${pointer.slice('openapi.yaml'.length)}`;
}

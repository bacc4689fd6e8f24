import type { MockContext } from '../context.ts';
import { problemHeader, refusalText, shapeRefusal } from '../engine/shape-refusal.ts';
import { HttpProblem } from '../http/problem.ts';
import type { SpecOperation } from '../openapi/operations.ts';
import { StoreFileError } from '../store/sqlite/store-file-error.ts';
import type { CoreResponse } from './exchange.ts';

/**
 * The one error exit: any failure of any stage as the contract's problem details. Anything
 * unexpected is a 500 whose body never shows a stack or a path; the log keeps the detail.
 */
export function renderProblem(
  error: unknown,
  at: {
    op: SpecOperation | undefined;
    path: string;
    requestId: string;
    headers: Record<string, string>;
    ctx: MockContext;
  },
): CoreResponse {
  const problem = toProblem(error);
  if (problem.status >= 500 && !(error instanceof HttpProblem))
    at.ctx.logger.error({ err: error, requestId: at.requestId }, 'unexpected error');
  const headers = at.headers;
  // Whatever an earlier stage wrote for a success (a file's type) does not describe a problem.
  delete headers['Content-Disposition'];
  delete headers['Cache-Control'];
  for (const [name, value] of Object.entries(problem.headers)) headers[name] = value;
  // In the operation's own terms: the status, media type and body shape it documents.
  const body = problem.toBody(at.path, at.requestId, at.ctx.problemTypes);
  const refusal = shapeRefusal(
    at.op,
    problem,
    body,
    (schema, value) => at.ctx.validator.validate(schema, value).ok,
    at.ctx.now(),
  );
  // A documented status without content: no body, as documented; the problem in a header.
  if (refusal.mediaType === undefined) {
    headers['X-Mock-Problem'] = problemHeader(body);
    headers['Content-Length'] = '0';
    return { status: refusal.status, headers };
  }
  const bytes = new TextEncoder().encode(refusalText(refusal));
  headers['Content-Type'] = refusal.mediaType;
  headers['Content-Length'] = String(bytes.length);
  return { status: refusal.status, headers, body: bytes };
}

function toProblem(err: unknown): HttpProblem {
  if (err instanceof HttpProblem) return err;
  // A write the store had no room for (a full disk, MOCK_DB_MAX_MB) was rolled back whole: the
  // client may retry once there is room, so it is told so, and not that the server broke.
  if (err instanceof StoreFileError && err.full)
    return new HttpProblem(
      'storage_full',
      err.code === 'TOO_BIG'
        ? 'The state is too big for a db.json (MOCK_DB_JSON_MAX_RECORDS), so this write is not on disk. Keep a state this size in SQLite: MOCK_DB=state.sqlite.'
        : "The mock's store has no room for this write, and nothing of it was kept. Free some space (or raise MOCK_DB_MAX_MB) and send it again.",
      { status: 409, title: 'The store is full' },
    );
  return new HttpProblem(
    'internal_error',
    'Something went wrong on our side. Quote the request id when you report it.',
  );
}

import type { NextFunction, Request, Response } from 'express';
import { StoreFileError } from '../store/sqlite/store-file-error.ts';
import { HttpProblem, problemBody } from './problem.ts';

/**
 * The one error exit: renders every failure as the contract's problem details. Errors of body
 * parsing (bad JSON, too large) arrive here from express.json as http-errors with a `type`.
 * Anything unexpected is a 500 whose body never shows a stack or a path; the log keeps the detail.
 */
export function problemHandler(err: unknown, req: Request, res: Response, _next: NextFunction): void {
  const problem = toProblem(err);
  if (problem.status >= 500) req.log?.error({ err }, 'unexpected error');
  if (res.headersSent) {
    res.destroy();
    return;
  }
  for (const [name, value] of Object.entries(problem.headers)) res.setHeader(name, value);
  res
    .status(problem.status)
    .type('application/problem+json')
    .send(
      JSON.stringify(
        problem.toBody(
          req.originalUrl.split('?')[0] ?? '/',
          String(res.getHeader('x-request-id') ?? ''),
          req.app.locals.problemTypes as string | undefined,
        ),
      ),
    );
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
  const e = err as { type?: string; status?: number; limit?: number };
  if (e?.type === 'entity.parse.failed')
    return new HttpProblem('malformed_json', 'The body is not valid JSON.');
  if (e?.type === 'entity.too.large')
    return new HttpProblem('payload_too_large', `The body may be at most ${e.limit} bytes.`);
  if (e?.type === 'encoding.unsupported' || e?.type === 'charset.unsupported')
    return new HttpProblem('unsupported_media_type', 'The body must be UTF-8 JSON.');
  if (e?.status === 400) return new HttpProblem('malformed_json', 'The request could not be read.');
  return new HttpProblem(
    'internal_error',
    'Something went wrong on our side. Quote the request id when you report it.',
  );
}

export { problemBody };

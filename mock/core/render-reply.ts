import type { MockContext } from '../context.ts';
import { HttpProblem } from '../http/problem.ts';
import type { SpecOperation } from '../openapi/operations.ts';
import { checkReply, checksReply, replyContentType } from '../routes/check-reply.ts';
import type { Reply } from '../routes/reply.ts';
import { attachment } from './attachment.ts';
import type { CoreResponse } from './exchange.ts';

/**
 * The last stage of an operation: checks a handler's reply against the operation's documented
 * response (status, required headers, JSON body schema) and renders it as bytes. With response
 * validation on (the default in development and tests), a reply that breaks the contract becomes
 * a logged 500, so a test fails instead of a frontend being misled. `headers` holds what earlier
 * stages set (request id, rate limits, CORS); the reply's own are added to it. Synchronous but for
 * a file kept on disk, whose size is read first.
 */
export function renderReply(
  op: SpecOperation,
  reply: Reply,
  headers: Record<string, string>,
  ctx: MockContext,
): CoreResponse | Promise<CoreResponse> {
  if (checksReply(reply, ctx)) {
    const breaches = checkReply(op, reply, ctx, (name) => hasHeader(headers, name));
    if (breaches.length > 0) {
      ctx.logger.error({ operationId: op.operationId, breaches }, 'mock answer broke the contract');
      throw new HttpProblem(
        'internal_error',
        `The mock's answer to ${op.operationId} broke the contract: ${breaches.join('; ')}`,
      );
    }
  }
  if (reply.headers) Object.assign(headers, reply.headers);
  if ('file' in reply) {
    const { file } = reply;
    headers['Content-Type'] = file.mediaType;
    headers['Content-Disposition'] = attachment(file.name);
    headers['Cache-Control'] = 'private, max-age=0';
    if ('bytes' in file) {
      headers['Content-Length'] = String(file.bytes.length);
      return { status: 200, headers, body: file.bytes };
    }
    return file.size().then((size) => {
      headers['Content-Length'] = String(size);
      return { status: 200, headers, file: { path: file.path, size } };
    });
  }
  if ('raw' in reply) {
    headers['Content-Type'] = reply.raw.mediaType;
    headers['Content-Length'] = String(reply.raw.bytes.length);
    return { status: reply.status, headers, body: reply.raw.bytes };
  }
  if (reply.body === undefined) return { status: reply.status, headers };
  const bytes = ctx.records.json(reply.body);
  headers['Content-Type'] = replyContentType(reply);
  headers['Content-Length'] = String(bytes.length);
  return { status: reply.status, headers, body: bytes };
}

/** Whether a header is set, whatever the case it was written in. */
export function hasHeader(headers: Record<string, string>, name: string): boolean {
  if (name in headers) return true;
  const wanted = name.toLowerCase();
  for (const key in headers) if (key.toLowerCase() === wanted) return true;
  return false;
}

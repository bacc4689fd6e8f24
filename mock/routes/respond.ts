import { basename, dirname } from 'node:path';
import type { Response } from 'express';
import type { SpecOperation } from '../../spec/operations.ts';
import type { MockContext } from '../context.ts';
import { HttpProblem } from '../http/problem.ts';
import { checkReply, checksReply, JSON_TYPE } from './check-reply.ts';
import type { Reply } from './reply.ts';

/**
 * The last stage: checks a handler's reply against the operation's documented response (status,
 * required headers, JSON body schema) and sends it. With response validation on (the default in
 * development and tests), a reply that breaks the contract becomes a logged 500, so a test fails
 * instead of a frontend being misled.
 */
export function respond(op: SpecOperation, reply: Reply, res: Response, ctx: MockContext): void {
  if (checksReply(reply, ctx)) {
    const breaches = checkReply(op, reply, ctx, (name) => res.hasHeader(name));
    if (breaches.length > 0) {
      res.req.log?.error({ operationId: op.operationId, breaches }, 'mock answer broke the contract');
      throw new HttpProblem(
        'internal_error',
        `The mock's answer to ${op.operationId} broke the contract: ${breaches.join('; ')}`,
      );
    }
  }
  for (const [name, value] of Object.entries(reply.headers ?? {})) res.setHeader(name, value);
  if ('file' in reply) {
    res.status(200).type(reply.file.mediaType).attachment(reply.file.name);
    // The folder as root: `dotfiles: 'deny'` then judges the file's own name, not the folder's path
    // (a MOCK_DB under `.data/` or `~/.cache` is the user's choice, and must not turn into a 403).
    res.sendFile(basename(reply.file.path), {
      root: dirname(reply.file.path),
      dotfiles: 'deny',
      headers: { 'Cache-Control': 'private, max-age=0' },
    });
    return;
  }
  res.statusCode = reply.status;
  if ('raw' in reply) {
    res.setHeader('Content-Type', reply.raw.mediaType);
    res.setHeader('Content-Length', reply.raw.bytes.length);
    res.end(reply.raw.bytes);
    return;
  }
  if (reply.body === undefined) {
    res.end();
    return;
  }
  // Node's own calls rather than Express's res.send, which looks the type up, works out a
  // charset and checks freshness on every answer: the body is already bytes, the type fixed.
  // Node itself sends no body to a HEAD request.
  const bytes = ctx.records.json(reply.body);
  res.setHeader('Content-Type', JSON_TYPE);
  res.setHeader('Content-Length', bytes.length);
  res.end(bytes);
}

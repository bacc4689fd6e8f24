import { basename, dirname } from 'node:path';
import type { Response } from 'express';
import type { OpenAPIV3 } from 'openapi-types';
import type { SpecOperation } from '../../spec/operations.ts';
import type { MockContext } from '../context.ts';
import { isJsonType } from '../engine/schema-shape.ts';
import { HttpProblem } from '../http/problem.ts';
import type { Reply } from './reply.ts';

/**
 * The last stage: checks a handler's reply against the operation's documented response (status,
 * required headers, JSON body schema) and sends it. With response validation on (the default in
 * development and tests), a reply that breaks the contract becomes a logged 500, so a test fails
 * instead of a frontend being misled.
 */
/** Whether response validation applies to this reply (MOCK_VALIDATE_RESPONSES, and not raw bytes). */
export function checksReply(reply: Reply, ctx: MockContext): boolean {
  return ctx.options.validateResponses && !('unchecked' in reply && reply.unchecked) && !('raw' in reply);
}

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

export const JSON_TYPE = 'application/json; charset=utf-8';

/**
 * What in a reply breaks the operation's documented response: its status, required headers
 * (`alreadySet` says which an earlier stage set) and its JSON body. Empty when it keeps the contract.
 */
export function checkReply(
  op: SpecOperation,
  reply: Reply,
  ctx: MockContext,
  alreadySet: (header: string) => boolean,
): string[] {
  const documented = op.operation.responses?.[String(reply.status)] as OpenAPIV3.ResponseObject | undefined;
  if (!documented) return [`status ${reply.status} is not documented`];
  const breaches: string[] = [];
  for (const [name, header] of Object.entries(documented.headers ?? {})) {
    const required = (header as OpenAPIV3.HeaderObject).required;
    // A header an earlier stage set (a request id, rate-limit headers) counts as given.
    const given =
      alreadySet(name) ||
      Object.keys(reply.headers ?? {}).some((h) => h.toLowerCase() === name.toLowerCase());
    const sentByStage = name === 'Content-Disposition' && 'file' in reply;
    if (required && !given && !sentByStage) breaches.push(`header ${name} is required`);
  }
  if ('file' in reply) {
    if (!documented.content?.[reply.file.mediaType])
      breaches.push(`content type ${reply.file.mediaType} is not documented`);
    return breaches;
  }
  if ('raw' in reply) return breaches;
  const json = Object.entries(documented.content ?? {}).find(([type]) => isJsonType(type));
  const schema = json?.[1].schema;
  if (reply.body === undefined) {
    if (documented.content) breaches.push('a body is documented but none was sent');
    return breaches;
  }
  if (!schema) return [...breaches, 'a body was sent but none is documented'];
  breaches.push(...ctx.records.check(schema, reply.body).map((e) => `${e.pointer} ${e.message}`));
  return breaches;
}

import type { OpenAPIV3 } from 'openapi-types';
import type { SpecOperation } from '../../spec/operations.ts';
import type { MockContext } from '../context.ts';
import { isJsonType } from '../engine/schema-shape.ts';
import type { Reply } from './reply.ts';

export const JSON_TYPE = 'application/json; charset=utf-8';

/** Whether response validation applies to this reply (MOCK_VALIDATE_RESPONSES, and not raw bytes). */
export function checksReply(reply: Reply, ctx: MockContext): boolean {
  return ctx.options.validateResponses && !('unchecked' in reply && reply.unchecked) && !('raw' in reply);
}

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

import type { OpenAPIV3 } from 'openapi-types';
import type { MockContext } from '../context.ts';
import { contentTypeFor } from '../engine/choose-media-type.ts';
import { isJsonType } from '../engine/schema-shape.ts';
import type { SpecOperation } from '../openapi/operations.ts';
import type { Reply } from './reply.ts';

export const JSON_TYPE = 'application/json; charset=utf-8';

const NO_BODY = new Set([204, 205, 304]);

/** The Content-Type of a JSON reply: the media type it was built for, else JSON. */
export function replyContentType(reply: { mediaType?: string }): string {
  return reply.mediaType ? contentTypeFor(reply.mediaType) : JSON_TYPE;
}

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
  const responses = op.operation.responses ?? {};
  // The status itself, else its range (`2XX`), else `default`, as OpenAPI reads them.
  const documented = (responses[String(reply.status)] ??
    responses[`${String(reply.status)[0]}XX`] ??
    responses.default) as OpenAPIV3.ResponseObject | undefined;
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
  const content = documented.content ?? {};
  const chosen = 'mediaType' in reply && reply.mediaType ? reply.mediaType : undefined;
  if (chosen && !content[chosen]) breaches.push(`content type ${chosen} is not documented`);
  const json = chosen ? content[chosen] : Object.entries(content).find(([type]) => isJsonType(type))?.[1];
  const schema = json?.schema;
  if (reply.body === undefined) {
    // 204, 205 and 304 carry no body in HTTP, whatever content the document shows (Jira's 204s).
    if (documented.content && !NO_BODY.has(reply.status))
      breaches.push('a body is documented but none was sent');
    return breaches;
  }
  // A media type documented without a schema allows any body.
  if (!schema) return json ? breaches : [...breaches, 'a body was sent but none is documented'];
  breaches.push(...ctx.records.check(schema, reply.body).map((e) => `${e.pointer} ${e.message}`));
  return breaches;
}

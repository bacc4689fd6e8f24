import type { OpenAPIV3 } from 'openapi-types';
import type { MockContext } from '../context.ts';
import type { SpecOperation } from '../openapi/operations.ts';
import type { Handler } from '../routes/handler.ts';
import type { Reply } from '../routes/reply.ts';
import { chooseMediaType } from './choose-media-type.ts';
import { conformToSchema, PRUNE } from './conform-to-schema.ts';
import { generateValue } from './generate-value.ts';
import { isJsonType, successStatus } from './schema-shape.ts';

/**
 * The answer of an operation that neither a profile nor a collection serves, as Prism gives it:
 * the first documented success, in the media type `Accept` wants most, with its example (the
 * media type's, the first named one, or the schema's) when it holds for the schema, the example
 * repaired when it is near (a text too long, a number out of range: one log line), else a value
 * generated from the schema (one log line when an example was replaced). Every JSON answer is
 * checked. Nothing is stored; the answer is the same on every request for the same seed.
 */
export function answerFromExamples(op: SpecOperation): Handler {
  const answerTo = exampleAnswer(op);
  return ({ ctx, req }) => answerTo(ctx, req.headers.accept);
}

/** The same answer as a function of the mock and the request's `Accept` alone (no validated input). */
export function exampleAnswer(
  op: SpecOperation,
): (ctx: MockContext, accept: string | string[] | undefined) => Reply {
  const responses = op.operation.responses ?? {};
  const statuses = Object.keys(responses);
  // The lowest success (a redirect where no 2xx is documented), else `default`, else the first
  // status the contract documents at all.
  const key =
    successStatus(responses) ??
    (responses.default ? 'default' : statuses.filter((s) => /^[2-5]\d\d$/.test(s)).sort()[0]);
  const response = (key ? responses[key] : undefined) as OpenAPIV3.ResponseObject | undefined;
  const code = key === undefined || key === 'default' ? 200 : Number(key);
  const documented = Object.keys(response?.content ?? {});
  const cached = new Map<string, Reply>();
  return (ctx, accept) => {
    const type = chooseMediaType(documented, Array.isArray(accept) ? accept.join(',') : accept) ?? '';
    let reply = cached.get(type);
    if (!reply) {
      reply = answer(op, code, response, type, ctx);
      cached.set(type, reply);
    }
    // No response at all documents no status: the 200 sent has nothing to be checked against.
    return key === undefined && !('raw' in reply) ? { ...reply, unchecked: true } : reply;
  };
}

/** Values tried from the schema before the answer is sent for the reply check to judge. */
const GENERATED_TRIES = 4;

function answer(
  op: SpecOperation,
  status: number,
  response: OpenAPIV3.ResponseObject | undefined,
  type: string,
  ctx: MockContext,
): Reply {
  const headers = placeholderHeaders(op, response, ctx);
  const media = response?.content?.[type];
  // These statuses carry no body in HTTP, whatever the document shows.
  if (!type || !media || status === 204 || status === 205 || status === 304) return { status, headers };
  const example = exampleOf(media);
  if (!isJsonType(type)) {
    const text = typeof example === 'string' ? example : example === undefined ? '' : JSON.stringify(example);
    return { status, raw: { bytes: new TextEncoder().encode(text), mediaType: type }, headers };
  }
  const mediaType = type;
  const schema = media.schema as OpenAPIV3.SchemaObject | undefined;
  // No schema: the contract allows any body; its example, else an empty object.
  if (!schema) return { status, body: example ?? {}, headers, mediaType };
  const valid = (value: unknown) => ctx.validator.validate(schema, value).ok;
  if (example !== undefined) {
    if (valid(example)) return { status, body: example, headers, mediaType };
    const repaired = conformToSchema(example, schema, ctx.validator, PRUNE);
    if (repaired !== undefined) {
      ctx.logger.warn(`${op.operationId}: the ${status} example breaks its schema, and was repaired`);
      return { status, body: repaired, headers, mediaType };
    }
  }
  const from = ctx.now() - 365 * 86_400_000;
  let last: unknown;
  for (let i = 0; i < GENERATED_TRIES; i++) {
    const value = safely(() =>
      generateValue(schema, {
        ...base(ctx, from),
        seed: ctx.seed() + i,
        useHints: i % 2 === 0,
        check: (s, v) => ctx.validator.validate(s, v).ok,
      }),
    );
    if (value === undefined) continue;
    const fixed = valid(value) ? value : conformToSchema(value, schema, ctx.validator, PRUNE);
    if (fixed !== undefined) {
      if (example !== undefined)
        ctx.logger.warn(`${op.operationId}: the ${status} example breaks its schema, and was replaced`);
      return { status, body: fixed, headers, mediaType };
    }
    last = value;
  }
  if (last !== undefined) {
    // A value was made but breaks the schema (one beyond the generator): the reply check judges
    // it, and refuses it as a 500 that names the breach, rather than sending it unchecked.
    ctx.logger.warn(`${op.operationId}: no value was found that the ${status} answer's schema accepts`);
    return { status, body: last, headers, mediaType };
  }
  // No finite value meets the schema at all (it requires itself without end): the example, else
  // the value cut off past the depth budget, sent with that said once, as no value could pass.
  const cut = example ?? safely(() => generateValue(schema, { ...base(ctx, from), partial: true }));
  ctx.logger.warn(`${op.operationId}: the ${status} answer's schema admits no finite value; sent as cut`);
  return { status, body: cut ?? null, headers, mediaType, unchecked: true };
}

function base(ctx: MockContext, from: number) {
  return { seed: ctx.seed(), faker: ctx.faker, hints: ctx.profile.fakerHints, from, to: ctx.now() };
}

function exampleOf(media: OpenAPIV3.MediaTypeObject): unknown {
  if (media.example !== undefined) return media.example;
  const named = Object.values(media.examples ?? {})[0] as OpenAPIV3.ExampleObject | undefined;
  if (named?.value !== undefined) return named.value;
  return (media.schema as OpenAPIV3.SchemaObject | undefined)?.example;
}

/** Required headers of the answer: a `Location` pointing at a made-up resource, an example value else. */
function placeholderHeaders(
  op: SpecOperation,
  response: OpenAPIV3.ResponseObject | undefined,
  ctx: MockContext,
): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, raw] of Object.entries(response?.headers ?? {})) {
    const header = raw as OpenAPIV3.HeaderObject;
    if (!header.required) continue;
    if (/^location$/i.test(name))
      headers[name] = `${ctx.basePath}${op.path.replace(/\{\w+\}/g, ctx.faker.string.uuid())}`;
    else {
      const schema = header.schema as OpenAPIV3.SchemaObject | undefined;
      const value = header.example ?? schema?.example ?? schema?.default ?? schema?.enum?.[0];
      headers[name] = String(value ?? (['integer', 'number'].includes(String(schema?.type)) ? 0 : 'example'));
    }
  }
  return headers;
}

function safely<T>(make: () => T): T | undefined {
  try {
    return make();
  } catch {
    return undefined;
  }
}

import type { OpenAPIV3 } from 'openapi-types';
import type { SpecOperation } from '../../spec/operations.ts';
import type { MockContext } from '../context.ts';
import type { Handler, Reply } from '../routes/reply.ts';
import { generateValue } from './generate-value.ts';
import { isJsonType } from './schema-shape.ts';

/**
 * The answer of an operation that neither a profile nor a collection serves, as Prism gives it:
 * the first documented success with its example (the media type's, the first named one, or the
 * schema's), or a value generated from the schema when there is no example or it breaks the
 * schema. Nothing is stored. The answer is the same on every request for the same seed.
 */
export function answerFromExamples(op: SpecOperation): Handler {
  const responses = op.operation.responses ?? {};
  const statuses = Object.keys(responses);
  // The lowest success, else `default`, else the first status the contract documents at all.
  const key =
    statuses.filter((s) => /^2\d\d$/.test(s)).sort()[0] ??
    (responses.default ? 'default' : statuses.filter((s) => /^[2-5]\d\d$/.test(s)).sort()[0]);
  const response = (key ? responses[key] : undefined) as OpenAPIV3.ResponseObject | undefined;
  const code = key === undefined || key === 'default' ? 200 : Number(key);
  let cached: Reply | undefined;
  return ({ ctx }) => {
    cached ??= answer(op, code, response, ctx);
    // `default`, or no response at all, documents no status: the 200 sent cannot be checked.
    return (key === undefined || key === 'default') && !('raw' in cached)
      ? { ...cached, unchecked: true }
      : cached;
  };
}

function answer(
  op: SpecOperation,
  status: number,
  response: OpenAPIV3.ResponseObject | undefined,
  ctx: MockContext,
): Reply {
  const headers = placeholderHeaders(op, response, ctx);
  const [type, media] = Object.entries(response?.content ?? {})[0] ?? [];
  // These statuses carry no body in HTTP, whatever the document shows.
  if (!type || !media || status === 204 || status === 205 || status === 304) return { status, headers };
  const example = exampleOf(media);
  if (!isJsonType(type)) {
    const text = typeof example === 'string' ? example : example === undefined ? '' : JSON.stringify(example);
    return { status, raw: { bytes: Buffer.from(text), mediaType: type }, headers };
  }
  const schema = media.schema as OpenAPIV3.SchemaObject | undefined;
  if (!schema) return { status, body: example ?? {}, headers, unchecked: true };
  if (example !== undefined && ctx.validator.validate(schema, example).ok)
    return { status, body: example, headers };
  const from = ctx.now() - 365 * 86_400_000;
  for (const useHints of [true, false]) {
    const value = safely(() =>
      generateValue(schema, {
        seed: ctx.options.seed,
        faker: ctx.faker,
        hints: ctx.profile.fakerHints,
        useHints,
        from,
        to: ctx.now(),
      }),
    );
    if (value !== undefined && ctx.validator.validate(schema, value).ok)
      return { status, body: value, headers };
  }
  // Neither the example nor a generated value passes (a schema no value can meet, or one the
  // validator reads differently): the example is sent as the contract wrote it, unchecked.
  return { status, body: example ?? {}, headers, unchecked: true };
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

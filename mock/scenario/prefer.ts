import type { OpenAPIV3 } from 'openapi-types';
import { challenge } from '../auth/tokens.ts';
import type { MockContext } from '../context.ts';
import { conformToSchema, PRUNE } from '../engine/conform-to-schema.ts';
import { generateValue } from '../engine/generate-value.ts';
import type { ProblemCode } from '../http/problem.ts';
import { HttpProblem, validationProblem } from '../http/problem.ts';
import type { SpecOperation } from '../openapi/operations.ts';
import type { Reply } from '../routes/reply.ts';

/** The parts of a `Prefer` header the mock understands, following Prism's conventions. */
export interface Preferences {
  code?: number;
  example?: string;
  dynamic?: boolean;
  delay?: number;
}

/** Reads `Prefer: code=404, example=minimal, dynamic=true, delay=500` (RFC 7240 style). */
export function parsePrefer(header: string | undefined): Preferences {
  const prefs: Preferences = {};
  if (header === undefined) return prefs;
  for (const part of (header ?? '').split(/[,;]/)) {
    const [key, raw] = part
      .trim()
      .split('=')
      .map((s) => s?.trim().replace(/^"|"$/g, ''));
    if (!key || raw === undefined) continue;
    if (key === 'code' && /^\d{3}$/.test(raw)) prefs.code = Number(raw);
    if (key === 'example') prefs.example = raw;
    if (key === 'dynamic') prefs.dynamic = raw === 'true';
    if (key === 'delay' && /^\d{1,5}$/.test(raw)) prefs.delay = Math.min(Number(raw), 60_000);
  }
  return prefs;
}

/**
 * Answers a preferred response instead of running the operation: the documented status `code`,
 * the named `example`, or a `dynamic` answer generated from the schema. Nothing is stored. Answers
 * undefined when the request prefers nothing that replaces the real answer, or a success whose
 * body is not JSON.
 */
export function preferredReply(op: SpecOperation, prefs: Preferences, ctx: MockContext): Reply | undefined {
  if (prefs.code === undefined && prefs.example === undefined && !prefs.dynamic) return undefined;
  const responses = op.operation.responses as Record<string, OpenAPIV3.ResponseObject>;
  const status = prefs.code ?? Number(Object.keys(responses).find((s) => s.startsWith('2')));
  const response = responses[String(status)];
  if (!response) {
    throw validationProblem([
      {
        in: 'header',
        field: 'Prefer',
        code: 'enum',
        message: `code must be one of the documented statuses: ${Object.keys(responses).join(', ')}`,
      },
    ]);
  }
  const [type, media] = Object.entries(response.content ?? {})[0] ?? [];
  if (status >= 400) {
    const example = media?.example as { code?: ProblemCode; title?: string; detail?: string } | undefined;
    const headers: Record<string, string> = {};
    if (status === 401) headers['WWW-Authenticate'] = challenge(ctx.tokens.realm, 'token_missing');
    if (status === 429) headers['Retry-After'] = '30';
    throw new HttpProblem(
      example?.code ?? 'internal_error',
      example?.detail ?? `Forced by Prefer: code=${status}.`,
      {
        headers,
        status,
        title: example?.title,
      },
    );
  }
  if (!media) return { status, headers: placeholderHeaders(response, op, ctx) };
  // A binary answer (an audio download) has no example to give: only the operation can answer it.
  if (type !== 'application/json') return undefined;
  let body: unknown;
  if (prefs.example !== undefined) {
    const named = media.examples?.[prefs.example] as OpenAPIV3.ExampleObject | undefined;
    if (!named) {
      throw validationProblem([
        {
          in: 'header',
          field: 'Prefer',
          code: 'enum',
          message: `example must be one of: ${Object.keys(media.examples ?? {}).join(', ') || 'none are named'}`,
        },
      ]);
    }
    body = named.value;
  } else if (prefs.dynamic) {
    body = dynamicAnswer(media.schema as OpenAPIV3.SchemaObject, ctx);
  } else {
    body = media.example ?? (media.schema as OpenAPIV3.SchemaObject | undefined)?.example;
  }
  return { status, body, headers: placeholderHeaders(response, op, ctx) };
}

/** Required headers of a forced answer (a `Location` for a 201) pointing at a made-up resource. */
function placeholderHeaders(
  response: OpenAPIV3.ResponseObject,
  op: SpecOperation,
  ctx: MockContext,
): Record<string, string> {
  const headers: Record<string, string> = {};
  if (response.headers?.Location)
    headers.Location = `${ctx.basePath}${op.path.replace(/\{\w+\}/g, ctx.faker.string.uuid())}`;
  return headers;
}

/**
 * A fresh value valid against the schema (the engine's schema walk from the seeded faker, then
 * conformed to the schema's limits); each request draws the next seed, so answers vary.
 */
function dynamicAnswer(schema: OpenAPIV3.SchemaObject, ctx: MockContext): unknown {
  const seed = ctx.faker.number.int({ min: 0, max: 2 ** 31 - 1 });
  const to = ctx.now();
  const options = { seed, faker: ctx.faker, hints: ctx.profile.fakerHints, from: to - 30 * 86_400_000, to };
  const value = generateValue(schema, options);
  return (
    conformToSchema(value, schema, ctx.validator, PRUNE) ??
    conformToSchema(generateValue(schema, { ...options, useHints: false }), schema, ctx.validator, PRUNE) ??
    value
  );
}

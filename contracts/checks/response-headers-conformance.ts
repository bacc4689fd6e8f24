import type { OpenAPIV3 } from 'openapi-types';
import { escapeSegment } from '../plan/spec-pointer.ts';
import { judgedExchanges, mediaType, requestLine } from './describe.ts';
import { sameAsHeader } from './same-as-header.ts';
import type { Check } from './types.ts';

/**
 * Every required documented header is present, every documented header present is valid, and a
 * body field that repeats a header (`x-same-as-header`) has its value.
 */
export const responseHeadersConformance: Check = {
  name: 'response_headers_conformance',
  catches:
    "A required header left out (WWW-Authenticate on a 401, Location on a 201, Retry-After on a 429, Content-Disposition on a download), a header whose value breaks its schema, a body field that differs from the header it repeats (x-same-as-header: the problem's requestId and X-Request-Id).",
  mutates: false,
  phase: 'judge',
  judge(ctx) {
    for (const { exchange, op, documented } of judgedExchanges(ctx.contract, ctx.exchanges())) {
      if (!documented?.response.headers) continue;
      ctx.judged(op.operationId);
      // A body field that repeats a header (x-same-as-header: the problem's requestId) holds its value.
      const type = mediaType(exchange.response.headers['content-type']);
      const body = exchange.response.json as Record<string, unknown> | undefined;
      for (const rule of sameAsHeader(ctx.contract, documented.response.content?.[type]?.schema)) {
        const header = exchange.response.headers[rule.header.toLowerCase()];
        const field = body?.[rule.field];
        if (header === undefined || field === undefined || field === header) continue;
        ctx.fail({
          operationId: op.operationId,
          exchange,
          specPointer: rule.pointer,
          title: `${rule.field} differs from the ${rule.header} header`,
          message: `${requestLine(exchange)} answered ${exchange.response.status} with ${rule.field} ${JSON.stringify(field)} in the body and ${rule.header}: ${header}.`,
          expected: `${rule.field} = the ${rule.header} header: ${header}`,
          actual: `${rule.field}: ${JSON.stringify(field)}`,
        });
      }
      for (const [name, header] of Object.entries(documented.response.headers)) {
        const definition = header as OpenAPIV3.HeaderObject;
        const value = exchange.response.headers[name.toLowerCase()];
        const pointer = `${documented.pointer}/headers/${escapeSegment(name)}`;
        const base = { operationId: op.operationId, exchange, specPointer: pointer };
        if (value === undefined) {
          if (definition.required)
            ctx.fail({
              ...base,
              title: `Missing ${name} header`,
              message: `${requestLine(exchange)} answered ${exchange.response.status} without the required ${name} header.`,
              expected: `${name}: ${String((definition.schema as OpenAPIV3.SchemaObject | undefined)?.example ?? definition.example ?? '<value>')}`,
              actual: 'no such header',
            });
          continue;
        }
        const schema = (definition.schema ?? {}) as OpenAPIV3.SchemaObject;
        const typed = schema.type === 'integer' || schema.type === 'number' ? toNumber(value) : value;
        const result = ctx.contract.validator.validate(schema, typed);
        if (!result.ok)
          ctx.fail({
            ...base,
            title: `Invalid ${name} header`,
            message: `${requestLine(exchange)} answered ${name}: ${value}, which breaks its schema (${result.errors.map((e) => e.message).join('; ')}).`,
            expected: `${name} valid against ${JSON.stringify(schema)}`,
            actual: `${name}: ${value}`,
          });
      }
    }
  },
};

function toNumber(value: string): number | string {
  return /^-?\d+(\.\d+)?$/.test(value.trim()) ? Number(value) : value;
}

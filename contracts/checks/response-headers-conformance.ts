import type { OpenAPIV3 } from 'openapi-types';
import { escapeSegment } from '../plan/spec-pointer.ts';
import { judgedExchanges, requestLine } from './describe.ts';
import type { Check } from './types.ts';

/** Every required documented header is present, and every documented header present is valid. */
export const responseHeadersConformance: Check = {
  name: 'response_headers_conformance',
  catches:
    'A required header left out (WWW-Authenticate on a 401, Location on a 201, Retry-After on a 429, Content-Disposition on a download) or a header whose value breaks its schema.',
  mutates: false,
  phase: 'judge',
  async run(ctx) {
    for (const { exchange, op, documented } of judgedExchanges(ctx.contract, ctx.exchanges())) {
      if (!documented?.response.headers) continue;
      ctx.judged(op.operationId);
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

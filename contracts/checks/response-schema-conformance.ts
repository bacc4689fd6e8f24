import type { OpenAPIV3 } from 'openapi-types';
import { escapeSegment } from '../plan/spec-pointer.ts';
import { unsatisfiableAt } from '../plan/unsatisfiable-schema.ts';
import { judgedExchanges, mediaType, requestLine } from './describe.ts';
import type { Check } from './types.ts';

/** Every JSON answer validates against the schema of its documented response. */
export const responseSchemaConformance: Check = {
  name: 'response_schema_conformance',
  catches:
    'A body that breaks its schema: a missing required field, an extra or renamed one, a wrong type, a value outside its enum or pattern, a problem without code or requestId.',
  mutates: false,
  phase: 'judge',
  judge(ctx) {
    const noted = new Set<string>();
    for (const { exchange, op, documented } of judgedExchanges(ctx.contract, ctx.exchanges())) {
      const type = mediaType(exchange.response.headers['content-type']);
      const media = documented?.response.content?.[type];
      const schema = media?.schema as OpenAPIV3.SchemaObject | undefined;
      if (!documented || !schema || exchange.response.json === undefined) continue;
      ctx.judged(op.operationId);
      const result = ctx.contract.validator.validate(schema, exchange.response.json);
      if (result.ok) continue;
      // A part of the schema no value can meet is the description's defect: no server has a valid
      // answer to give there, so it is said once as a note, and the rest of the body still judged.
      const errors = result.errors.filter((e) => {
        const reason = unsatisfiableAt(schema, e.pointer);
        if (!reason) return true;
        const where = `${documented.pointer}/content/${escapeSegment(type)}/schema ${e.pointer}`;
        if (!noted.has(where))
          ctx.note(
            `response_schema_conformance: ${op.operationId}'s ${exchange.response.status} schema admits no value at ${e.pointer} (${reason}), so no answer can meet it: not held against the server; the description must change (${where}).`,
          );
        noted.add(where);
        return false;
      });
      if (errors.length === 0) continue;
      const listed = errors.slice(0, 6).map((e) => `${e.pointer} ${e.message}`);
      if (errors.length > 6) listed.push(`… and ${errors.length - 6} more`);
      ctx.fail({
        operationId: op.operationId,
        title: `Response body breaks the ${exchange.response.status} schema`,
        message: `${requestLine(exchange)} answered ${exchange.response.status} with a body that does not match its schema: ${listed.join('; ')}.`,
        expected: `a body valid against ${documented.pointer}/content/${escapeSegment(type)}/schema`,
        actual: listed.join('; '),
        specPointer: `${documented.pointer}/content/${escapeSegment(type)}/schema`,
        exchange,
      });
    }
  },
};

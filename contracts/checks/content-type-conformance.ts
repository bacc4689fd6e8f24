import { describeResponse, judgedExchanges, mediaType, requestLine } from './describe.ts';
import type { Check } from './types.ts';

/** Every answer's Content-Type is one its documented response declares, and JSON parses. */
export const contentTypeConformance: Check = {
  name: 'content_type_conformance',
  catches:
    'A Content-Type the response does not declare (text/html error pages, application/json for a problem), JSON that does not parse, a body on a 204.',
  mutates: false,
  phase: 'judge',
  judge(ctx) {
    const noted = new Set<string>();
    for (const { exchange, op, documented } of judgedExchanges(ctx.contract, ctx.exchanges())) {
      if (!documented) continue;
      ctx.judged(op.operationId);
      const declared = Object.keys(documented.response.content ?? {});
      const actualType = mediaType(exchange.response.headers['content-type']);
      const base = { operationId: op.operationId, exchange, specPointer: `${documented.pointer}/content` };
      if (declared.length === 0) {
        if (exchange.response.bytes.length > 0)
          ctx.fail({
            ...base,
            title: 'Body where none is documented',
            message: `${requestLine(exchange)} answered ${exchange.response.status} with a body; the spec documents none.${exchange.response.status >= 400 ? ' An error answer with a body is the norm: the spec probably omits it, so document the error body there (the contract, not the server, is likely what to fix).' : ''}`,
            expected: 'an empty body',
            actual: describeResponse(exchange.response),
            specPointer: documented.pointer,
          });
        continue;
      }
      // HTTP never carries a body on these (RFC 9110): content the description documents there
      // (Jira's 204s) cannot be sent, so an empty answer is the server keeping HTTP's rule.
      if (NO_BODY.has(exchange.response.status) && exchange.response.bytes.length === 0) {
        const key = `${op.operationId} ${exchange.response.status}`;
        if (!noted.has(key))
          ctx.note(
            `content_type_conformance: ${op.operationId} documents content for ${exchange.response.status}, a status HTTP sends without a body: its empty answer is not held against the server (${documented.pointer}/content).`,
          );
        noted.add(key);
        continue;
      }
      if (!declared.some((d) => matches(d, actualType))) {
        ctx.fail({
          ...base,
          title: 'Undocumented Content-Type',
          message: `${requestLine(exchange)} answered ${exchange.response.status} as ${actualType || 'no Content-Type'}.`,
          expected: declared.join(' or '),
          actual: actualType || 'no Content-Type header',
        });
        continue;
      }
      if (/json/.test(actualType) && exchange.response.json === undefined)
        ctx.fail({
          ...base,
          title: 'Body is not JSON',
          message: `${requestLine(exchange)} declared ${actualType} but its body does not parse as JSON.`,
          expected: 'a JSON body',
          actual: describeResponse(exchange.response),
        });
    }
  },
};

const NO_BODY = new Set([204, 205, 304]);

function matches(declared: string, actual: string): boolean {
  const d = declared.toLowerCase();
  if (d === '*/*' || d === actual) return true;
  return d.endsWith('/*') && actual.startsWith(d.slice(0, -1));
}

import fc from 'fast-check';
import type { OpenAPIV3 } from 'openapi-types';
import type { SpecOperation } from '../../mock/openapi/operations.ts';
import type { SchemaValidator } from '../../mock/openapi/schema-validator.ts';
import { arbitraryFor } from '../generate/arbitrary.ts';
import type { Exchange } from '../types.ts';
import type { HttpClient } from './http-client.ts';
import { serializeParameter } from './serialize-parameter.ts';

/** A valid input refused for what it is: a 4xx other than the state's (409), a limit's (429) or auth's (401). */
export function refusedAsInvalid(exchange: Exchange): boolean {
  const status = exchange.response?.status ?? 0;
  return status >= 400 && status < 500 && ![401, 409, 429].includes(status);
}

/**
 * Shrinks a refused valid query value to the smallest one the backend still refuses, with
 * fast-check's own shrinker for the parameter's schema (`"  wörd 👋🏽 "` may come down to `" "`):
 * each candidate is valid against the spec and sent; at most `maxRequests` are. Answers the
 * exchange of the smallest refused value, or undefined when nothing smaller is refused.
 */
export async function shrinkRefusedQuery(
  http: HttpClient,
  op: SpecOperation,
  param: { name: string; schema: OpenAPIV3.SchemaObject },
  refused: Exchange,
  value: unknown,
  context: {
    pathParams: Record<string, string>;
    /** The operation's required query parameters, sent with every candidate. */
    required?: Record<string, unknown>;
    validator: SchemaValidator;
    seed: number;
    maxRequests: number;
    /** Asks the run's budget for one more request. */
    take: () => boolean;
  },
): Promise<Exchange | undefined> {
  const original = serializeParameter(value);
  let smallest: Exchange | undefined;
  let sent = 0;
  await fc.check(
    fc.asyncProperty(arbitraryFor(param.schema), async (candidate) => {
      const text = serializeParameter(candidate);
      if (text === original) return false; // the refusal in hand
      if (text === '' || !context.validator.validate(param.schema, candidate).ok) return true;
      if (sent >= context.maxRequests || !context.take()) return true;
      sent++;
      const exchange = await http.call(op, {
        pathParams: context.pathParams,
        query: { ...context.required, [param.name]: candidate },
        purpose: 'probe',
        description: `shrinking ${param.name}=${original}: ${param.name}=${text}`,
      });
      if (!refusedAsInvalid(exchange)) return true;
      smallest = exchange;
      return false;
    }),
    { examples: [[value]], numRuns: 1, seed: context.seed },
  );
  return smallest && smallest !== refused ? smallest : undefined;
}

import type { OpenAPIV3 } from 'openapi-types';
import { readConstraints } from '../../mock/openapi/constraints.ts';
import { isProtected } from '../../mock/openapi/operations.ts';
import { boundaryQueryValues } from '../generate/boundary-values.ts';
import { keepConstraints } from '../generate/constraint-values.ts';
import { sampleValid, subSeed } from '../generate/valid-values.ts';
import type { Contract } from '../plan/load-contract.ts';
import { parameterSchema, parametersIn } from '../plan/request-shape.ts';
import { documentedResponse } from '../plan/spec-pointer.ts';
import { interleave, RequestBudget } from './budget.ts';
import type { ExistingIds } from './existing-ids.ts';
import type { CallOptions, HttpClient } from './http-client.ts';
import { serializeParameter, writeQuery } from './serialize-parameter.ts';
import { refusedAsInvalid, shrinkRefusedQuery } from './shrink.ts';
import { fitsHeader, requiredQuery } from './valid-input.ts';

/**
 * Sends valid requests to every selected GET operation: once with no query, then generated values
 * of each query parameter, one parameter at a time, then one of every parameter at once, made to
 * keep the operation's `x-constraints` (`days` excludes `months`, `to` must follow `from`), and once
 * without a token. Item reads use ids of existing resources.
 * Answers the notes of operations it could not reach.
 */
export async function driveReads(
  contract: Contract,
  http: HttpClient,
  ids: ExistingIds,
  selected: (operationId: string) => boolean,
  seed: number,
  examples: number,
  budget: RequestBudget = RequestBudget.unlimited(),
  /** False when ignored_auth already sends every protected operation a request without a token. */
  anonymous = true,
): Promise<string[]> {
  const notes: string[] = [];
  for (const op of contract.operations) {
    if (op.method !== 'get' || !selected(op.operationId)) continue;
    const pathParams = await ids.pathParams(op);
    if (!pathParams) {
      notes.push(
        `${op.operationId}: no existing item to read, so only its generated and negative requests ran.`,
      );
      continue;
    }
    // Required parameters go with every request, so that each request breaks nothing else.
    const required = requiredQuery(contract, op, seed);
    const bare = Object.keys(required).length
      ? `only the required query parameters (${writeQuery(op, required)})`
      : 'no query parameters';
    const requests: CallOptions[][] = [
      [{ pathParams, query: required, purpose: 'positive', description: bare }],
    ];
    // One anonymous request too, so that the response checks also judge the documented 401 (only
    // where one is documented: nothing undocumented is asked of a foreign API).
    if (anonymous && isProtected(op) && (documentedResponse(op, 401) || documentedResponse(op, 403)))
      requests[0]?.push({ pathParams, query: required, auth: 'none', description: 'no token' });
    // Every declared limit, exactly, each in a group of its own: the first round sends them all.
    for (const param of parametersIn(op, 'query'))
      for (const { value, why } of boundaryQueryValues(parameterSchema(param)))
        requests.push([
          {
            pathParams,
            query: { ...required, [param.name]: value },
            purpose: 'positive',
            description: `${param.name}=${serializeParameter(value)}, exactly its ${why}`,
          },
        ]);
    // Generated values, remembered so that a refused one can be shrunk to the smallest refused.
    const generated = new Map<
      CallOptions,
      { name: string; schema: OpenAPIV3.SchemaObject; value: unknown }
    >();
    const together: Record<string, unknown> = {};
    for (const param of parametersIn(op, 'query')) {
      const schema = parameterSchema(param);
      const values = sampleValid(
        schema,
        subSeed(seed, `${op.operationId}:${param.name}`),
        examples,
        contract.validator,
      );
      const group: CallOptions[] = [];
      if (values[0] !== undefined && serializeParameter(values[0]) !== '') together[param.name] = values[0];
      for (const value of values) {
        const text = serializeParameter(value);
        if (text === '') continue;
        const options: CallOptions = {
          pathParams,
          query: { ...required, [param.name]: value },
          purpose: 'positive',
          description: `generated valid ${param.name}=${text}`,
        };
        generated.set(options, { name: param.name, schema, value });
        group.push(options);
      }
      requests.push(group);
    }
    // Header and cookie parameters, one at a time too, in their styles; a header takes only text
    // that travels as it is (printable ASCII, no space at either end).
    for (const param of [...parametersIn(op, 'header'), ...parametersIn(op, 'cookie')]) {
      if (param.in === 'header' && /^(accept|content-type|authorization)$/i.test(param.name)) continue;
      const values = sampleValid(
        parameterSchema(param),
        subSeed(seed, `${op.operationId}:${param.in}:${param.name}`),
        examples,
        contract.validator,
      ).filter((value) => param.in === 'cookie' || fitsHeader(value));
      requests.push(
        values.map((value) => ({
          pathParams,
          query: required,
          params: { [param.name]: value },
          purpose: 'positive',
          description: `generated valid ${param.in} ${param.name}: ${serializeParameter(value)}`,
        })),
      );
    }
    // Every parameter at once: what a form with every filter set sends, the cross-field rules kept.
    const combined = keepConstraints(readConstraints(op), { ...required, ...together });
    if (Object.keys(combined).length > 1) {
      requests.push([
        {
          pathParams,
          query: combined,
          purpose: 'positive',
          description: `every query parameter at once, x-constraints kept: ${writeQuery(op, combined)}`,
        },
      ]);
    }
    const shrunk = new Set<string>();
    // Every parameter's first value before any parameter's second: a tight budget keeps variety.
    for (const options of interleave(requests)) {
      if (!budget.take(op.operationId)) continue;
      const exchange = await http.call(op, options);
      const param = generated.get(options);
      // One shrink per parameter, each candidate a request taken from the same budget.
      if (!param || shrunk.has(param.name) || !refusedAsInvalid(exchange)) continue;
      shrunk.add(param.name);
      const smallest = await shrinkRefusedQuery(http, op, param, exchange, param.value, {
        pathParams,
        required,
        validator: contract.validator,
        seed,
        maxRequests: Math.min(SHRINK_REQUESTS, budget.perOperation),
        take: () => budget.take(op.operationId),
      });
      if (smallest)
        exchange.shrunkTo = { description: smallest.description ?? '', request: smallest.request };
    }
  }
  return notes;
}

/** Requests one shrink may send: enough to cut a long string down, few enough for a rate limit. */
const SHRINK_REQUESTS = 12;

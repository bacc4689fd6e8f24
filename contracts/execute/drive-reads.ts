import { isProtected } from '../../spec/operations.ts';
import { boundaryQueryValues } from '../generate/boundary-values.ts';
import { sampleValid, subSeed } from '../generate/valid-values.ts';
import type { Contract } from '../plan/load-contract.ts';
import { parameterSchema, parametersIn } from '../plan/request-shape.ts';
import { interleave, RequestBudget } from './budget.ts';
import type { ExistingIds } from './existing-ids.ts';
import type { CallOptions, HttpClient } from './http-client.ts';
import { serializeParameter } from './serialize-parameter.ts';

/**
 * Sends valid requests to every selected GET operation: once with no query, then generated values
 * of each query parameter, one parameter at a time (the spec's prose relates some of them:
 * `days` excludes `months`, `to` must follow `from`), and once without a token. Item reads use
 * ids of existing resources.
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
    const requests: CallOptions[][] = [
      [{ pathParams, purpose: 'positive', description: 'no query parameters' }],
    ];
    // One anonymous request too, so that the response checks also judge the documented 401.
    if (anonymous && isProtected(op))
      requests[0]?.push({ pathParams, auth: 'none', description: 'no token' });
    // Every declared limit, exactly, each in a group of its own: the first round sends them all.
    for (const param of parametersIn(op, 'query'))
      for (const { value, why } of boundaryQueryValues(parameterSchema(param)))
        requests.push([
          {
            pathParams,
            query: { [param.name]: serializeParameter(value) },
            purpose: 'positive',
            description: `${param.name}=${serializeParameter(value)}, exactly its ${why}`,
          },
        ]);
    for (const param of parametersIn(op, 'query')) {
      const values = sampleValid(
        parameterSchema(param),
        subSeed(seed, `${op.operationId}:${param.name}`),
        examples,
        contract.validator,
      );
      requests.push(
        values
          .map(serializeParameter)
          .filter((text) => text !== '')
          .map((text) => ({
            pathParams,
            query: { [param.name]: text },
            purpose: 'positive' as const,
            description: `generated valid ${param.name}=${text}`,
          })),
      );
    }
    // Every parameter's first value before any parameter's second: a tight budget keeps variety.
    for (const options of interleave(requests)) if (budget.take(op.operationId)) await http.call(op, options);
  }
  return notes;
}

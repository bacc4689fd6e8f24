import type { MockContext } from '../context.ts';
import { validationProblem } from '../http/problem.ts';
import { type Constraint, constraintErrors, readConstraints } from '../openapi/constraints.ts';
import type { SpecOperation } from '../openapi/operations.ts';
import type { ValidRequest } from './validate-request.ts';

/**
 * The validation stage of the operation's `x-constraints` (mock/openapi/constraints.ts), run on a request
 * whose every field already passed its own schema: undefined when the operation declares none, else
 * a check that throws one 400 listing every field of every broken rule. `exists` looks the id up in
 * the store's collection of that name; a collection the mock does not keep is not judged.
 */
export function constraintCheck(
  op: SpecOperation,
  ctx: MockContext,
): ((input: ValidRequest) => void) | undefined {
  const constraints: Constraint[] = readConstraints(op);
  if (constraints.length === 0) return undefined;
  const exists = (collection: string, id: string) =>
    ctx.store.has(collection) ? ctx.store.collection(collection).get(id) !== undefined : undefined;
  return (input) => {
    const errors = constraintErrors(constraints, input, exists);
    if (errors.length > 0) throw validationProblem(errors);
  };
}

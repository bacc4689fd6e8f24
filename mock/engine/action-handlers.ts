import type { MockContext } from '../context.ts';
import { HttpProblem } from '../http/problem.ts';
import type { Handler } from '../routes/handler.ts';
import type { StoredRecord } from '../store/collection.ts';
import { applyChange } from './action-change.ts';
import { answerFromExamples } from './answer-from-examples.ts';
import { skeletonOf } from './crud-handlers.ts';
import type { Resource } from './describe-resources.ts';
import { type Schema, successResponse } from './schema-shape.ts';
import { shapeBody } from './shape-body.ts';

/**
 * The handlers of a collection's actions (`POST /silence/{id}/expire`, `POST /orders/{id}:cancel`),
 * by operation id. An action on an unknown id is a 404; one that sets a field (its verb names a
 * status value, or `x-mock: { sets }` says which) keeps the changed record where the record schema
 * accepts it; the answer carries the record where the operation documents it, else comes from the
 * operation's examples. The record is never lost to an answer made up from examples.
 */
export function actionHandlers(resource: Resource, ctx: MockContext): Map<string, Handler> {
  const records = ctx.store.collection(resource.name);
  const skeletons = new Map<object, Record<string, unknown>>();
  const skeleton = (schema: Schema) => {
    let value = skeletons.get(schema);
    if (!value) {
      value = skeletonOf(schema, ctx);
      skeletons.set(schema, value);
    }
    return value;
  };
  const handlers = new Map<string, Handler>();
  for (const action of resource.actions) {
    const examples = answerFromExamples(action.op);
    const success = successResponse(action.op.operation);
    handlers.set(action.op.operationId, async (args) => {
      const id = args.input.path[resource.idParam ?? resource.idField];
      const record = records.get(String(id));
      const parent = resource.parent && args.input.path[resource.parent.param];
      if (!record || (resource.parent && parent !== undefined && record[resource.parent.field] !== parent))
        throw new HttpProblem('not_found', `No ${resource.name} record has the id ${String(id)}.`);
      let kept: StoredRecord = record;
      if (action.change) {
        const changed = applyChange(record, action.change) as StoredRecord;
        if (ctx.validator.validate(resource.record, changed).ok) {
          records.replace(changed);
          await ctx.persistence?.flush();
          kept = changed;
        }
      }
      if (!action.shape) return examples(args);
      const body = shapeBody(action.shape, kept, resource.idField, skeleton);
      // An answer the mock cannot make valid around the record is left to the examples.
      if (
        action.shape.kind !== 'record' &&
        success.documented &&
        success.schema &&
        body !== undefined &&
        !ctx.validator.validate(success.schema, body).ok
      )
        return examples(args);
      return { status: success.status, body, unchecked: !success.documented };
    });
  }
  return handlers;
}

import { invalidBodies } from '../generate/invalid-values.ts';
import type { Contract } from '../plan/load-contract.ts';
import { jsonBodySchema, parametersIn } from '../plan/request-shape.ts';
import { RequestBudget } from './budget.ts';
import { type NegativeSettings, randomPathParams, trackAccepted } from './drive-negative.ts';
import type { HttpClient } from './http-client.ts';
import type { ResourceTracker } from './resources.ts';
import { validBodies } from './valid-input.ts';

/**
 * One request per operation with a JSON body and a documented 400, with several fields wrong at
 * once: the first wrong value generated for each field that can be wrong on its own. The contract
 * says a validation problem lists every offending field, not only the first (info: Errors), which
 * one breach at a time never shows. One request each, so a login costs one attempt of its policy.
 */
export async function driveSeveralWrong(
  contract: Contract,
  http: HttpClient,
  resources: ResourceTracker,
  selected: (operationId: string) => boolean,
  settings: NegativeSettings,
  budget: RequestBudget = RequestBudget.unlimited(),
): Promise<void> {
  for (const op of contract.operations) {
    const schema = jsonBodySchema(op);
    if (!schema || !selected(op.operationId) || !op.operation.responses?.['400']) continue;
    const realWorld = 'x-test-numbers' in (op.operation as object);
    if (realWorld && !settings.testNumber) continue;
    const [valid] = validBodies(contract, op, settings.seed, 1, realWorld ? settings.testNumber : undefined);
    const base = (valid && 'json' in valid ? valid.json : {}) as Record<string, unknown>;
    const wrong = new Map<string, { value: unknown; description: string }>();
    for (const bad of invalidBodies(schema, base, contract.validator)) {
      const name = bad.field?.slice(1);
      // A value that is wrong, not a field left out: a missing field is judged one at a time.
      if (!name || wrong.has(name) || !(name in (bad.value as object))) continue;
      wrong.set(name, { value: (bad.value as Record<string, unknown>)[name], description: bad.description });
    }
    if (wrong.size < 2 || !budget.take(op.operationId)) continue;
    const json = { ...base, ...Object.fromEntries([...wrong].map(([name, bad]) => [name, bad.value])) };
    // An item operation gets a fresh id, so nothing that exists changes; the backend may judge the
    // id first (then the fields are not judged), documented 404 or not (drive-negative.ts).
    const item = parametersIn(op, 'path').length > 0;
    const exchange = await http.call(op, {
      pathParams: randomPathParams(op, settings.testNumber),
      json,
      purpose: 'negative',
      missingItem: item,
      description: `body with ${wrong.size} fields wrong at once: ${[...wrong.values()].map((b) => b.description).join('; ')}`,
      rejection: {
        statuses: item ? [400, 404] : [400],
        codes: item ? ['validation_failed', 'not_found'] : ['validation_failed'],
        fields: [...wrong.keys()].map((name) => ({ in: 'body' as const, name: `/${name}` })),
      },
    });
    trackAccepted(op, exchange.response, contract, resources);
  }
}

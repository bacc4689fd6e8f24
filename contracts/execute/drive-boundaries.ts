import { boundaryBodies } from '../generate/boundary-values.ts';
import { deriveFlows } from '../plan/derive-flows.ts';
import type { Contract } from '../plan/load-contract.ts';
import { jsonBodySchema } from '../plan/request-shape.ts';
import { RequestBudget } from './budget.ts';
import { ExistingIds } from './existing-ids.ts';
import type { HttpClient } from './http-client.ts';
import type { ResourceTracker } from './resources.ts';
import { validBodies } from './valid-input.ts';

/**
 * Sends each create operation bodies at the edges of its text fields (see boundaryBodies): all
 * valid, so positive_data_acceptance expects them accepted. What they create is deleted at the end.
 * Creates with real-world effects are left out: a boundary contact name is not worth a call.
 */
export async function driveBoundaries(
  contract: Contract,
  http: HttpClient,
  resources: ResourceTracker,
  selected: (operationId: string) => boolean,
  seed: number,
  budget: RequestBudget = RequestBudget.unlimited(),
): Promise<void> {
  const marker = `b${seed.toString(36)}${Date.now().toString(36)}`;
  const ids = new ExistingIds(contract, http);
  for (const flow of deriveFlows(contract)) {
    const schema = jsonBodySchema(flow.create);
    if (!schema || flow.realWorld || !selected(flow.create.operationId)) continue;
    // A nested collection is created under an existing parent; with none there is nothing to send.
    const parent = await ids.pathParams(flow.create);
    if (!parent) continue;
    const [valid] = validBodies(contract, flow.create, seed, 1);
    const base = (valid && 'json' in valid ? valid.json : {}) as Record<string, unknown>;
    for (const body of boundaryBodies(schema, base, marker, contract.validator)) {
      // Two requests: what it creates is deleted at the end.
      if (!budget.take(flow.create.operationId, 2)) continue;
      const exchange = await http.call(flow.create, {
        json: body.value,
        pathParams: parent,
        purpose: 'positive',
        description: `boundary: ${body.description}`,
      });
      const answered = (exchange.response?.json as { id?: unknown } | undefined)?.id;
      const id = typeof answered === 'string' || typeof answered === 'number' ? String(answered) : undefined;
      if (id !== undefined && flow.remove && flow.idParam && (exchange.response?.status ?? 500) < 300)
        resources.add(`${flow.create.operationId} ${id}`, flow.remove, { ...parent, [flow.idParam]: id });
    }
  }
}

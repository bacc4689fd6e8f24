import { boundaryBodies } from '../generate/boundary-values.ts';
import { deriveFlows, itemParams } from '../plan/derive-flows.ts';
import type { Contract } from '../plan/load-contract.ts';
import { jsonBodySchema } from '../plan/request-shape.ts';
import type { Exchange } from '../types.ts';
import { RequestBudget } from './budget.ts';
import { ExistingIds } from './existing-ids.ts';
import type { HttpClient } from './http-client.ts';
import { narrowRefusedLength } from './narrow-length.ts';
import type { ResourceTracker } from './resources.ts';
import { refusedAsInvalid } from './shrink.ts';
import { validBodies } from './valid-input.ts';

/**
 * Sends each create operation bodies at the edges of its text fields (see boundaryBodies): all
 * valid, so positive_data_acceptance expects them accepted. What they create is deleted at once.
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
      // Two requests: the create, and the delete of what it creates.
      if (!budget.take(flow.create.operationId, 2)) continue;
      const exchange = await http.call(flow.create, {
        json: body.value,
        pathParams: parent,
        purpose: 'positive',
        description: `boundary: ${body.description}`,
      });
      // What a body creates is deleted at once, so that the next body (the same name, other edges)
      // is judged on its own rather than refused as a duplicate; what cannot be is left to cleanup.
      const created = async (answer: Exchange) => {
        const answered = (answer.response?.json as { id?: unknown } | undefined)?.id;
        const id =
          typeof answered === 'string' || typeof answered === 'number' ? String(answered) : undefined;
        if (id === undefined || !flow.remove || (answer.response?.status ?? 500) >= 300) return;
        const pathParams = itemParams(flow.remove, parent, id);
        const removed = (await http.call(flow.remove, { pathParams })).response?.status ?? 500;
        if (removed >= 300 && removed !== 404)
          resources.add(`${flow.create.operationId} ${id}`, flow.remove, pathParams);
      };
      await created(exchange);
      // A refused maxLength is narrowed to the backend's real limit, each probe from the same budget.
      const { resize } = body;
      if (!resize || !refusedAsInvalid(exchange)) continue;
      const shortest = await narrowRefusedLength(http, flow.create, { ...body, resize }, exchange, {
        pathParams: parent,
        take: () => budget.take(flow.create.operationId, 2),
        created,
      });
      if (shortest)
        exchange.shrunkTo = { description: shortest.description ?? '', request: shortest.request };
    }
  }
}

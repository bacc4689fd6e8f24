import type { Resource } from '../../mock/engine/describe-resources.ts';
import { objectShape, successResponse } from '../../mock/engine/schema-shape.ts';
import type { SpecOperation } from '../../mock/openapi/operations.ts';
import { idIn, listHas, type RequestPlan, type RequestTarget, typicalRequest } from './typical-request.ts';

// A collection's round trip (create, read back, find in the list) and the cleanup after the
// harness's writes, over the harness's own `send` (which counts every 5xx).

export type Send = (plan: RequestPlan, op: SpecOperation) => Promise<{ res: Response; text: string }>;

/** A record the harness created: where to remove it, when the description has a delete for it. */
export interface Made {
  resource: Resource;
  id: string;
  pathValues: Record<string, string>;
}

/** What a create answered: the record it made (its id, and its parent's from the answer). */
export function madeBy(resource: Resource, body: unknown, res: Response): Made[] {
  const id = idIn(body, resource) ?? res.headers.get('location')?.split('/').at(-1);
  if (!id) return [];
  const pathValues: Record<string, string> = {};
  if (resource.parent) {
    const parentValue = (body as Record<string, unknown> | undefined)?.[resource.parent.field];
    if (parentValue !== undefined) pathValues[resource.parent.param] = String(parentValue);
  }
  return [{ resource, id, pathValues }];
}

/**
 * Create, read back, find in the list: undefined when the collection keeps the record, the reason
 * when it does not, `none` for a collection that has no create and read to try, and a note where
 * the description itself leaves no way through (a body no value satisfies; an id the create's
 * answer does not name and no schema of the collection holds). The record made is in `made`.
 */
export async function roundTrip(
  target: RequestTarget,
  resource: Resource,
  send: Send,
  made: Made[],
): Promise<string | { note: string } | undefined> {
  const { create, read, list } = resource.operations;
  if (!create || !read) return 'none';
  const plan = typicalRequest(target, create, {}, resource.record);
  if (plan.invalidBody?.defect)
    return { note: `the create's request schema admits no value at ${plan.invalidBody.defect}` };
  const created = await send(plan, create);
  if (created.res.status >= 300) {
    const ours = plan.invalidBody ? ` (the harness found no valid body: ${plan.invalidBody.invalid})` : '';
    return `create answered ${created.res.status}: ${created.text.slice(0, 120)}${ours}`;
  }
  const [record] = madeBy(resource, parse(created.text), created.res);
  if (!record) {
    const held = [resource.record, successResponse(create.operation).schema].some(
      (schema) => resource.idField in objectShape(schema).properties,
    );
    if (held) return `the create's answer names no ${resource.idField}`;
    const keys = Object.keys((parse(created.text) as object | undefined) ?? {}).join(', ');
    return {
      note: `the item path reads by ${resource.idField}, which neither the create's answer (${keys || 'no fields'}) nor any record schema of the collection holds`,
    };
  }
  made.push(record);
  const { id, pathValues: parentValues } = record;
  const itemValues = { ...parentValues, ...(resource.idParam ? { [resource.idParam]: id } : {}) };
  const readBack = await send(typicalRequest(target, read, itemValues), read);
  if (readBack.res.status >= 300) return `read of ${id} answered ${readBack.res.status}`;
  if (idIn(parse(readBack.text), resource) !== id) return `read of ${id} answered another record`;
  if (!list) return undefined;
  // As a client finds it: page after page where the list pages (GitHub's budgets list ten a page,
  // in the order they were added, so the eleventh is on the second), a bounded number of pages.
  const listPlan = typicalRequest(target, list, parentValues);
  for (let page = 1; page <= MAX_PAGES; page++) {
    const url = new URL(listPlan.url);
    if (page > 1 && resource.paging.page) url.searchParams.set(resource.paging.page, String(page));
    const listed = await send({ ...listPlan, url: String(url) }, list);
    if (listed.res.status >= 300) return `list answered ${listed.res.status}`;
    const body = parse(listed.text);
    if (listHas(body, resource, id)) return undefined;
    if (!resource.paging.page || !listHas(body, resource, undefined)) break;
  }
  return `${id} is not in the list`;
}

const MAX_PAGES = 20;

/**
 * Removes what the harness created, where the description has a delete for it: what is left
 * behind, one line each (`collection id: why`). A documented redirect (Jira's 303 to a task) is a
 * removal accepted.
 */
export async function removeAll(target: RequestTarget, made: Made[], send: Send): Promise<string[]> {
  const left: string[] = [];
  for (const { resource, id, pathValues } of made) {
    const remove = resource.operations.remove;
    if (!remove) continue;
    const values = { ...pathValues, ...(resource.idParam ? { [resource.idParam]: id } : {}) };
    const removed = await send(typicalRequest(target, remove, values), remove).catch(() => undefined);
    if (!removed || removed.res.status >= 400)
      left.push(`${resource.name} ${id}: delete answered ${removed?.res.status ?? 'nothing'}`);
  }
  return left;
}

/** An answer's JSON, or undefined where it is not JSON. */
export function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

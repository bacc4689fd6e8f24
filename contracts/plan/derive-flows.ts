import type { OpenAPIV3 } from 'openapi-types';
import type { SpecOperation } from '../../mock/openapi/operations.ts';
import { readPath } from '../execute/serialize-parameter.ts';
import type { Contract } from './load-contract.ts';
import { collectProperties, isListOperation, successSchema } from './request-shape.ts';

/** A resource's life as the spec describes it: the operations that create, read, change and remove it. */
export interface FlowPlan {
  /** The collection's path (`/topics`). */
  collection: string;
  create: SpecOperation;
  read: SpecOperation | undefined;
  update: SpecOperation | undefined;
  remove: SpecOperation | undefined;
  list: SpecOperation | undefined;
  /**
   * The item path's parameter (`id`, `fileId`) of the first item operation. Each item operation
   * may name it its own way (Vercel reads `/deployments/{idOrUrl}` and deletes
   * `/deployments/{id}`): `itemParams` fills each one's own.
   */
  idParam: string | undefined;
  /**
   * Where the new id is: the field of the create's answer (`id`, Alertmanager's `silenceID`), or
   * for a create by PUT, the field of the item that repeats the path value (`path`), if any.
   */
  idField: string | undefined;
  /** A create by PUT at a path the client names (`PUT /contents/{path}` answering 201). */
  byPut: boolean;
  /** Creating has real-world effects (`x-test-numbers`): only with --test-number. */
  realWorld: boolean;
}

/**
 * Derives the stateful flows from the spec's paths: a POST on `P` answering an object with an id
 * (`id`, or one field named for an id: `silenceID`, `pet_id`) creates; GET, PUT or PATCH and
 * DELETE on `P/{param}` (or on its singular, `/silence/{id}` beside `/silences`) read, change and
 * remove; a GET on `P` answering a page lists. A PUT on `P/{param}` that documents a 201, where no
 * POST creates at `P`, creates at a value the client names. Creates whose item lives elsewhere
 * (`POST /voip/call`, read at `/voip/calls/{callId}`) are followed through their `Location`
 * header at run time.
 */
export function deriveFlows(contract: Contract): FlowPlan[] {
  const flows: FlowPlan[] = [];
  for (const create of contract.operations) {
    if (create.method !== 'post') continue;
    const itemPattern = new RegExp(
      `^(${escapeRegExp(create.path)}|${escapeRegExp(singular(create.path))})/\\{([^}]+)\\}$`,
    );
    const onItem = contract.operations.filter((op) => itemPattern.test(op.path));
    // An item named by its `name` (Jupyter's terminals) where the answer has no id, and there are
    // item operations to take it.
    const answer = collectProperties(successSchema(create));
    const idField =
      idFieldOf(successSchema(create)) ?? (onItem.length && 'name' in answer ? 'name' : undefined);
    if (!idField) continue;
    flows.push({
      collection: create.path,
      create,
      read: onItem.find((op) => op.method === 'get'),
      update: onItem.find((op) => op.method === 'put' || op.method === 'patch'),
      remove: onItem.find((op) => op.method === 'delete'),
      list: contract.operations.find((op) => op.path === create.path && isListOperation(op)),
      idParam: onItem[0] ? itemPattern.exec(onItem[0].path)?.[2] : undefined,
      idField,
      byPut: false,
      realWorld: 'x-test-numbers' in (create.operation as object),
    });
  }
  for (const create of contract.operations) {
    const m = /^(.*)\/\{([^}]+)\}$/.exec(create.path);
    if (create.method !== 'put' || !m || !('201' in (create.operation.responses ?? {}))) continue;
    const collection = m[1] ?? '';
    if (flows.some((f) => f.collection === collection || f.read?.path === create.path)) continue;
    const onItem = contract.operations.filter((op) => op.path === create.path);
    const read = onItem.find((op) => op.method === 'get');
    const name = m[2] ?? 'id';
    flows.push({
      collection,
      create,
      read,
      // No change after the create: what changes an item at a path it names may move it (a rename),
      // and the run must still find it to remove it.
      update: undefined,
      remove: onItem.find((op) => op.method === 'delete'),
      list: contract.operations.find((op) => op.path === collection && isListOperation(op)),
      idParam: name,
      idField: read && name in collectProperties(successSchema(read)) ? name : undefined,
      byPut: true,
      realWorld: 'x-test-numbers' in (create.operation as object),
    });
  }
  return flows;
}

/** The field of a create's answer that holds the new id: `id`, else the one field named for an id. */
export function idFieldOf(schema: OpenAPIV3.SchemaObject | undefined): string | undefined {
  const names = Object.keys(collectProperties(schema));
  if (names.includes('id')) return 'id';
  const ids = names.filter((n) => /(_id|[a-z0-9](Id|ID))$/.test(n));
  return ids.length === 1 ? ids[0] : undefined;
}

/** `/silences` -> `/silence`: the item path some APIs use beside a plural collection. */
function singular(path: string): string {
  return path.endsWith('s') ? path.slice(0, -1) : path;
}

/**
 * The path values of an item operation of a flow: the parent's, and the created id under the name
 * this operation gives its last path parameter (`{idOrUrl}` on the read, `{id}` on the delete).
 */
export function itemParams(
  op: SpecOperation,
  parent: Record<string, string>,
  id: string,
): Record<string, string> {
  const last = [...op.path.matchAll(/\{([^}]+)\}/g)].at(-1)?.[1];
  return last ? { ...parent, [last]: id } : { ...parent };
}

/**
 * The spec operation and path parameters a URL or `Location` (absolute, or relative to the
 * server's origin) points at, answering only GET operations.
 */
export function matchLocation(
  contract: Contract,
  baseUrl: string,
  location: string,
): { op: SpecOperation; pathParams: Record<string, string> } | undefined {
  const base = new URL(baseUrl);
  const url = new URL(location, base);
  const basePath = base.pathname.replace(/\/$/, '');
  if (!url.pathname.startsWith(basePath)) return undefined;
  const rest = url.pathname.slice(basePath.length);
  for (const op of contract.operations) {
    if (op.method !== 'get') continue;
    const names: string[] = [];
    const pattern = new RegExp(
      `^${op.path.replace(/\{([^}]+)\}/g, (_, n: string) => {
        names.push(n);
        return '([^/]+)';
      })}$`,
    );
    const m = pattern.exec(rest);
    if (m)
      return {
        op,
        pathParams: Object.fromEntries(
          names.map((n, i) => [n, readPath(op, n, decodeURIComponent(m[i + 1] ?? ''))]),
        ),
      };
  }
  return undefined;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

import type { SpecOperation } from '../../spec/operations.ts';
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
  /** The item path's parameter (`id`, `fileId`). */
  idParam: string | undefined;
  /** Creating has real-world effects (`x-test-numbers`): only with --test-number. */
  realWorld: boolean;
}

/**
 * Derives the stateful flows from the spec's paths: a POST on `P` answering an object with an
 * `id` creates; GET, PUT and DELETE on `P/{param}` read, replace and remove; a GET on `P`
 * answering a page lists. Creates whose item lives elsewhere (`POST /voip/call`, read at
 * `/voip/calls/{callId}`) are followed through their `Location` header at run time.
 */
export function deriveFlows(contract: Contract): FlowPlan[] {
  const flows: FlowPlan[] = [];
  for (const create of contract.operations) {
    if (create.method !== 'post') continue;
    if (!('id' in collectProperties(successSchema(create)))) continue;
    const itemPattern = new RegExp(`^${escapeRegExp(create.path)}/\\{([^}]+)\\}$`);
    const onItem = contract.operations.filter((op) => itemPattern.test(op.path));
    const idParam = onItem[0] ? itemPattern.exec(onItem[0].path)?.[1] : undefined;
    flows.push({
      collection: create.path,
      create,
      read: onItem.find((op) => op.method === 'get'),
      update: onItem.find((op) => op.method === 'put' || op.method === 'patch'),
      remove: onItem.find((op) => op.method === 'delete'),
      list: contract.operations.find((op) => op.path === create.path && isListOperation(op)),
      idParam,
      realWorld: 'x-test-numbers' in (create.operation as object),
    });
  }
  return flows;
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

import type { OpenAPIV3 } from 'openapi-types';
import type { SpecOperation } from '../../mock/openapi/operations.ts';
import type { Contract } from '../plan/load-contract.ts';
import { isListOperation, successSchema } from '../plan/request-shape.ts';
import type { HttpClient } from './http-client.ts';
import { declaredQuery } from './serialize-parameter.ts';
import { requiredQuery } from './valid-input.ts';

/**
 * Finds ids of existing resources for operations on items, from the list of each collection on
 * the way (`/voip/file/{fileId}/content` -> `GET /voip/file`; `/authors/{authorId}/books/{bookId}`
 * -> `GET /authors`, then `GET /authors/{authorId}/books`). Reading existing data is safe; the
 * runner never changes or deletes what it did not create.
 */
export class ExistingIds {
  private readonly cache = new Map<string, Promise<string | undefined>>();

  constructor(
    private readonly contract: Contract,
    private readonly http: HttpClient,
  ) {}

  /** Path parameters for an operation, or undefined when a collection on the way is empty or unknown. */
  async pathParams(op: SpecOperation): Promise<Record<string, string> | undefined> {
    return this.forPath(op.path);
  }

  /** The same for a path template (`/authors/{authorId}/books`). */
  async forPath(path: string): Promise<Record<string, string> | undefined> {
    const params: Record<string, string> = {};
    for (const m of path.matchAll(/\{([^}]+)\}/g)) {
      const name = m[1] ?? 'id';
      // `/voip/calls/{callId}`: the collection is `/voip/calls`, without the slash before the id.
      const collection = path.slice(0, m.index).replace(/\/$/, '');
      const list = this.contract.operations.find((o) => o.path === collection && listsRecords(o));
      if (!list) return undefined;
      const key = collection.replace(/\{([^}]+)\}/g, (_, n: string) => params[n] ?? '');
      let id = this.cache.get(key);
      if (!id) {
        id = this.http
          .call(list, {
            pathParams: { ...params },
            query: { ...requiredQuery(this.contract, list, 0), ...declaredQuery(list, { pageSize: 1 }) },
          })
          .then((ex) => firstId(ex.response?.json));
        this.cache.set(key, id);
      }
      const value = await id;
      if (value === undefined) return undefined;
      params[name] = value;
    }
    return params;
  }
}

/** A GET answering a page of records, or a bare array of them. */
function listsRecords(op: SpecOperation): boolean {
  if (isListOperation(op)) return true;
  const schema = successSchema(op) as OpenAPIV3.SchemaObject | undefined;
  return op.method === 'get' && schema?.type === 'array';
}

/** The id of a list's first record, whether the list is a page (`items`) or a bare array. */
function firstId(json: unknown): string | undefined {
  const items = Array.isArray(json) ? json : (json as { items?: unknown[] } | undefined)?.items;
  const first = (items?.[0] as { id?: unknown } | undefined)?.id;
  return typeof first === 'string' || typeof first === 'number' ? String(first) : undefined;
}

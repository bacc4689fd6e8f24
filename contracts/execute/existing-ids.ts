import type { SpecOperation } from '../../spec/operations.ts';
import type { Contract } from '../plan/load-contract.ts';
import { isListOperation } from '../plan/request-shape.ts';
import type { HttpClient } from './http-client.ts';

/**
 * Finds ids of existing resources for read operations on items, from the list operation of the
 * item's collection (`/voip/file/{fileId}/content` -> `GET /voip/file`). Reading existing data
 * is safe; the runner never changes or deletes what it did not create.
 */
export class ExistingIds {
  private readonly cache = new Map<string, Promise<string | undefined>>();

  constructor(
    private readonly contract: Contract,
    private readonly http: HttpClient,
  ) {}

  /** Path parameters for an operation, or undefined when its collection is empty or unknown. */
  async pathParams(op: SpecOperation): Promise<Record<string, string> | undefined> {
    const names = [...op.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1] ?? '');
    if (names.length === 0) return {};
    if (names.length > 1) return undefined;
    const collection = op.path.slice(0, op.path.indexOf('/{'));
    const list = this.contract.operations.find((o) => o.path === collection && isListOperation(o));
    if (!list) return undefined;
    let id = this.cache.get(collection);
    if (!id) {
      id = this.http.call(list, { query: { pageSize: 1 } }).then((ex) => {
        const items = (ex.response?.json as { items?: { id?: unknown }[] } | undefined)?.items;
        const first = items?.[0]?.id;
        return typeof first === 'string' ? first : undefined;
      });
      this.cache.set(collection, id);
    }
    const value = await id;
    return value === undefined ? undefined : { [names[0] ?? 'id']: value };
  }
}

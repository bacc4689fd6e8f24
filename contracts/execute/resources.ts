import type { SpecOperation } from '../../mock/openapi/operations.ts';
import type { HttpClient } from './http-client.ts';
import { pollIntervals } from './poll.ts';

/** Something the run created and must remove: the operation that deletes it and its parameters. */
export interface Resource {
  label: string;
  remove: SpecOperation;
  pathParams: Record<string, string>;
  deleted: boolean;
}

/**
 * What the run created, so that it leaves nothing behind: everything still present is deleted at
 * the end, newest first (a pair before its topic). Only tracked resources are ever deleted.
 */
export class ResourceTracker {
  private readonly items: Resource[] = [];

  add(label: string, remove: SpecOperation, pathParams: Record<string, string>): Resource {
    const existing = this.items.find((r) => r.remove === remove && same(r.pathParams, pathParams));
    if (existing) return existing;
    const resource = { label, remove, pathParams, deleted: false };
    this.items.push(resource);
    return resource;
  }

  /** Marks a resource deleted by a check, so that cleanup does not delete it twice. */
  deleted(remove: SpecOperation, pathParams: Record<string, string>): void {
    for (const r of this.items) if (r.remove === remove && same(r.pathParams, pathParams)) r.deleted = true;
  }

  pending(): Resource[] {
    return this.items.filter((r) => !r.deleted);
  }

  /**
   * Deletes what is left. A 409 (a call still live) is retried for a while, a transient failure (no
   * answer, a 5xx) a few times with a growing pause; what cannot be removed is answered as sentences
   * for the report.
   */
  async cleanup(http: HttpClient, patienceMs = 15_000): Promise<string[]> {
    const problems: string[] = [];
    for (const resource of [...this.pending()].reverse()) {
      // A create whose answer named no value for a parameter of its delete (an id under a name the
      // run did not find) cannot be removed by the run: it is named, and the other removals go on.
      const missing = missingPathValue(resource);
      if (missing) {
        problems.push(
          `Could not remove ${resource.label}: the run has no value for {${missing}} of ${resource.remove.operationId}.`,
        );
        continue;
      }
      const deadline = Date.now() + patienceMs;
      const busy = pollIntervals(250, 1_000);
      for (let transient = 0; ; ) {
        // What the run removes last may be gone already, with a parent the run removed (an ACL rule
        // of a calendar): its 404 is that, not a status the server should not have answered.
        const exchange = await http.call(resource.remove, {
          pathParams: resource.pathParams,
          missingItem: true,
        });
        const status = exchange.response?.status;
        // A redirect the delete documents is its way of accepting the removal (Jira's 303 to the
        // task that removes the item), as a 202 would be.
        const accepted =
          status !== undefined && status < 400 && String(status) in resource.remove.operation.responses;
        if (status !== undefined && (status < 300 || status === 404 || accepted)) {
          resource.deleted = true;
          break;
        }
        if (status === 409 && Date.now() < deadline) {
          http.waiting(`${resource.label} to be free to delete (409)`, deadline - patienceMs, patienceMs);
          await new Promise((done) => setTimeout(done, busy.next().value));
          continue;
        }
        if ((status === undefined || status >= 500) && transient < TRANSIENT_RETRIES) {
          await new Promise((done) => setTimeout(done, 250 * 2 ** transient++));
          continue;
        }
        // Still in use after the wait (a call still live): say what the backend said and how to
        // remove it by hand once it is free, rather than only that it failed.
        const why = status === 409 ? `; still in use (${problemText(exchange.response?.json)})` : '';
        problems.push(
          `Could not remove ${resource.label}: ${exchange.error ?? `answered ${status}`}${why}. Once it is free: ${http.curl(exchange.request)}`,
        );
        break;
      }
    }
    return problems;
  }
}

const TRANSIENT_RETRIES = 3;

/** A problem body's code and detail (`call_in_progress: A call to this number is live`), or what there is. */
function problemText(body: unknown): string {
  const { code, detail, title } = (body ?? {}) as Record<string, unknown>;
  const text = [code, detail ?? title].filter((v) => typeof v === 'string').join(': ');
  return text || 'no problem details';
}

function same(a: Record<string, string>, b: Record<string, string>): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The first parameter of the resource's delete path the run has no value for, if any. */
function missingPathValue(resource: Resource): string | undefined {
  for (const [, name] of resource.remove.path.matchAll(/\{([^}]+)\}/g))
    if (resource.pathParams[name as string] === undefined) return name;
  return undefined;
}

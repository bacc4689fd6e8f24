import type { Reply } from './reply.ts';

/** Queries kept per list at most: the query is the client's to choose, the memory is not. */
const MAX_QUERIES = 64;

/**
 * The answers of one collection's list, kept per query while the collection is unchanged. A list
 * read of the engine's collections is a function of the collection's content and the request's
 * query alone, so while the store's version of the collection holds, the same query gets the same
 * reply: the request is not validated again (the same text passed before), the page is not cut
 * again, and the reply's body is frozen so that its bytes and its check are kept with it
 * (RecordMemo). Every write of the collection changes its version and empties the memo, so a
 * write is seen by the next read.
 */
export class ListMemo {
  private readonly replies = new Map<string, Reply>();
  private version = -1;

  /** `versionOf` answers the collection's current version (Store.version). */
  constructor(private readonly versionOf: () => number) {}

  /** The reply kept for this query, if the collection has not changed since it was made. */
  get(key: string): Reply | undefined {
    const now = this.versionOf();
    if (now !== this.version) {
      this.replies.clear();
      this.version = now;
      return undefined;
    }
    return this.replies.get(key);
  }

  /**
   * Answers the reply `make` gives, kept for the query when the collection did not change while it
   * was made (a first read may seed the collection; a made reply is kept only at a version it saw
   * from start to end).
   */
  async remember(key: string, make: () => Reply | Promise<Reply>): Promise<Reply> {
    const before = this.versionOf();
    const reply = await make();
    if (this.versionOf() !== before || reply.status !== 200 || !('body' in reply)) return reply;
    if (this.version !== before) {
      this.replies.clear();
      this.version = before;
    }
    if (this.replies.size >= MAX_QUERIES) this.replies.clear();
    const kept = { ...reply, body: freezePage(reply.body) };
    this.replies.set(key, kept);
    return kept;
  }
}

/**
 * Freezes a page: the envelope and its arrays (the page's records are frozen by the store already).
 * Objects the envelope shares with other answers (a skeleton's defaults) are left as they are.
 */
function freezePage<T>(body: T): T {
  if (typeof body !== 'object' || body === null) return body;
  for (const value of Object.values(body)) if (Array.isArray(value)) Object.freeze(value);
  return Object.freeze(body);
}

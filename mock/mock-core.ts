import type { MockContext } from './context.ts';
import type { Handler } from './routes/handler.ts';

// Apart from create-mock-core.ts, whose declarations reach the stores (SQLite's names
// better-sqlite3's types): what holds a built mock needs only this, and a package user's
// TypeScript reads no native addon's types for it.
export interface MockCore {
  ctx: MockContext;
  /** Settles once the state is seeded: at once, unless the host asked to seed later (`seedLater`). */
  seeded: Promise<void>;
  /** The profile's handlers by operation id (none without a profile): they take the context, so it cannot hold them. */
  handlers: Record<string, Handler>;
  /** Fills the store from the seed, replacing what was there; `counts` change collections' sizes. */
  reseed(seed: number, counts?: Record<string, number>): Promise<void>;
  /** Refills the state from the seed: for a test's `beforeEach`. */
  reset(): Promise<void>;
  /** Stops the profile's timers, writes pending state and lets go of the store's file. */
  close(): Promise<void>;
}

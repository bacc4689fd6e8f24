import type { Snapshot } from './store.ts';

/** What a seed makes: the records of every collection and the files the profile wrote beside them. */
export interface SeededState {
  snapshot: Snapshot;
  files: [id: string, bytes: Uint8Array][];
}

/** Where a host keeps seeded states between starts (a folder on a server; none in a page). */
export interface SeedCache {
  read(key: string): Promise<SeededState | undefined>;
  write(key: string, state: SeededState): Promise<void>;
}

/** Stores at least this big get the heap policy below. */
const BIG_STORE = 100_000;
/** The heap may grow this much over what the last full collection left before another. */
const GROWTH = 1.25;

let settledBytes = 0;
let watching = false;

/**
 * Keeps a big store's process near its live size. Seeding a million calls allocates about twice
 * what it keeps, and V8 then sets its next full collection far above the live heap; afterwards
 * every request through Express leaves short-lived objects that outlive two scavenges and pile up
 * in the old generation (bare node:http does not; bare Express does, 4 MB a scavenge). Measured at
 * a million calls: 0.83 GB after the seed, 1.08 GB after 15 s of reads, still growing. So: one full
 * collection a second after the seed (the server is listening by then), and another whenever the
 * heap has grown a quarter over what the last one left, checked every 5 s. Each is a pause of a
 * few hundred milliseconds at a million calls, at most every 5 s under sustained load; RSS then
 * stays near 0.85 GB. Runs only where `npm start` exposes the collector (`node --expose-gc`) and
 * the store is big; a test's process without it does nothing.
 */
export function settleHeapAfterSeed(records: number): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc || records < BIG_STORE) return;
  const collect = () => {
    gc();
    settledBytes = process.memoryUsage().heapUsed;
  };
  setTimeout(collect, 1000).unref();
  if (watching) return;
  watching = true;
  setInterval(() => {
    if (settledBytes > 0 && process.memoryUsage().heapUsed > settledBytes * GROWTH) collect();
  }, 5000).unref();
}

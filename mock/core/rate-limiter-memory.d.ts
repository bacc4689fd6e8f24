// The memory limiter's store alone, imported by its file: the package's index also loads its
// cluster and database limiters, which need Node's modules and would weigh on the browser's bundle.
declare module 'rate-limiter-flexible/lib/component/MemoryStorage/MemoryStorage.js' {
  /** Counts per key in a fixed window that starts at the key's first count; expired keys are dropped by a timer. */
  export default class MemoryStorage {
    /** Adds `value` to the key's count; a new window of `durationSec` starts when none is open. */
    incrby(
      key: string,
      value: number,
      durationSec: number,
    ): { consumedPoints: number; msBeforeNext: number; isFirstInDuration: boolean };
  }
}

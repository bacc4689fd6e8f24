import { afterEach, describe, expect, it, vi } from 'vitest';
import { settleHeapAfterSeed } from './settle-heap.ts';

const withGc = globalThis as { gc?: () => void };

describe('the heap policy of a big store', () => {
  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
    delete withGc.gc;
  });

  it('does nothing for a small store, or where the collector is not exposed', () => {
    vi.useFakeTimers();
    const gc = vi.fn();
    settleHeapAfterSeed(1_000_000);
    withGc.gc = gc;
    settleHeapAfterSeed(5000);
    vi.advanceTimersByTime(60_000);
    expect(gc).not.toHaveBeenCalled();
  });

  it('collects a second after the seed, then whenever the heap grew a quarter', () => {
    vi.useFakeTimers();
    const gc = vi.fn();
    withGc.gc = gc;
    let heapUsed = 600e6;
    vi.spyOn(process, 'memoryUsage').mockImplementation(
      () => ({ rss: 0, heapTotal: 0, heapUsed, external: 0, arrayBuffers: 0 }) as NodeJS.MemoryUsage,
    );
    settleHeapAfterSeed(1_000_000);
    vi.advanceTimersByTime(1000);
    expect(gc).toHaveBeenCalledTimes(1);
    heapUsed = 700e6; // grew a sixth: not yet
    vi.advanceTimersByTime(5000);
    expect(gc).toHaveBeenCalledTimes(1);
    heapUsed = 760e6; // grew more than a quarter over the 600 MB the last collection left
    vi.advanceTimersByTime(5000);
    expect(gc).toHaveBeenCalledTimes(2);
  });
});

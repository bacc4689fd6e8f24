import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { HEARTBEAT_MS, LiveStatus } from './live-status.ts';

// Never silent: with fake timers, so that the test judges behaviour, not the machine's speed.
describe('LiveStatus outside a terminal (CI)', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('prints a status line whenever nothing was printed for a while, saying what the run waits for', () => {
    const lines: string[] = [];
    const status = new LiveStatus((text) => lines.push(text), false);
    status.start();
    status.onEvent({ kind: 'start', check: 'realtime' });
    status.onEvent({ kind: 'sent', count: 42 });
    let longest = 0;
    let last = Date.now();
    for (let t = 0; t < 30_000; t += 100) {
      if (t % 1000 === 0)
        status.onEvent({ kind: 'wait', text: `call 3f… in_progress, ${t / 1000} of 180 s` });
      const before = lines.length;
      vi.advanceTimersByTime(100);
      if (lines.length > before) {
        longest = Math.max(longest, Date.now() - last);
        last = Date.now();
      }
    }
    status.stop();
    expect(longest).toBeLessThanOrEqual(HEARTBEAT_MS);
    expect(lines.length).toBeGreaterThanOrEqual(30_000 / HEARTBEAT_MS);
    expect(lines.at(-1)).toMatch(
      /^… \d+ s: realtime, 42 requests sent; waiting for call 3f… in_progress, \d+ of 180 s\n$/,
    );
  });

  it('prints finished checks as permanent lines and skipped ones with their reason', () => {
    const lines: string[] = [];
    const status = new LiveStatus((text) => lines.push(text), false);
    status.onEvent({
      kind: 'check',
      result: {
        name: 'cors',
        status: 'skipped',
        failures: [],
        notes: ['cors: skipped: the spec declares no x-cors policy.'],
        operations: [],
        requests: 0,
        judged: 0,
        durationMs: 0,
      },
    });
    expect(lines).toEqual(['- cors SKIPPED: the spec declares no x-cors policy.\n']);
  });
});

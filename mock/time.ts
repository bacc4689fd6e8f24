let lastSecond = Number.NaN;
let lastIso = '';

/** ISO 8601 UTC with whole seconds (`2026-11-26T09:15:00Z`), the contract's timestamp style. */
export function isoSeconds(ms: number): string {
  // Writes stamp "now" many times a second: the text of the last second is reused.
  const second = Math.floor(ms / 1000);
  if (second !== lastSecond) {
    lastIso = `${new Date(second * 1000).toISOString().slice(0, 19)}Z`;
    lastSecond = second;
  }
  return lastIso;
}

export const DAY_MS = 86_400_000;

/** Midnight UTC of the day holding `ms`. */
export function startOfDayUtc(ms: number): number {
  return Math.floor(ms / DAY_MS) * DAY_MS;
}

/** Midnight UTC of the first day of the month holding `ms`, shifted by `addMonths`. */
export function startOfMonthUtc(ms: number, addMonths = 0): number {
  const d = new Date(ms);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + addMonths, 1);
}

/**
 * Lets a timer not hold the process open (Node's unref). A browser's timers are plain numbers and
 * never hold a page open: nothing to do there.
 */
export function unrefTimer<T>(timer: T): T {
  (timer as { unref?: () => void }).unref?.();
  return timer;
}

/** Runs `work` in a later turn of the event loop, after pending I/O (Node's setImmediate). */
export function inLaterTurn(work: () => void): void {
  if (typeof setImmediate === 'function') unrefTimer(setImmediate(work));
  else setTimeout(work, 0);
}

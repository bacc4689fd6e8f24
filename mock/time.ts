/** ISO 8601 UTC with whole seconds (`2026-11-26T09:15:00Z`), the contract's timestamp style. */
export function isoSeconds(ms: number): string {
  return `${new Date(Math.floor(ms / 1000) * 1000).toISOString().slice(0, 19)}Z`;
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

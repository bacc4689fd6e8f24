import type { Logger } from 'pino';

type Level = 'error' | 'warn' | 'info' | 'debug';
const RANK: Record<Level, number> = { error: 50, warn: 40, info: 30, debug: 20 };

/**
 * The page's logger: what the core writes (a line per request, warnings about seeds), on the
 * console, or nothing at `off`. pino's own browser build is 5 kB gzipped for the same four
 * methods; the core calls only these and `isLevelEnabled`, with pino's arguments (an object of
 * fields first, when there is one).
 */
export function consoleLogger(level: 'off' | 'info'): Logger {
  const threshold = level === 'off' ? Number.POSITIVE_INFINITY : RANK.info;
  const write =
    (name: Level) =>
    (...args: unknown[]) => {
      if (RANK[name] < threshold) return;
      const [first, ...rest] = args;
      const fields = typeof first === 'object' && first !== null && rest.length > 0 ? [first] : [];
      console[name](...(fields.length > 0 ? rest : args), ...fields);
    };
  const logger = {
    error: write('error'),
    warn: write('warn'),
    info: write('info'),
    debug: write('debug'),
    isLevelEnabled: (name: string) => (RANK[name as Level] ?? 0) >= threshold,
  };
  // The core's type is pino's; the page needs only the methods above.
  return logger as unknown as Logger;
}

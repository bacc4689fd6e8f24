import { type Logger, pino } from 'pino';
import pretty from 'pino-pretty';
import type { LogFormat } from '../options.ts';

/** The mock's logger: pino, as JSON lines or through pino-pretty, or silent. */
export function createLogger(format: LogFormat): Logger {
  if (format === 'off') return pino({ level: 'silent' });
  if (format === 'json') return pino({ base: undefined, timestamp: pino.stdTimeFunctions.isoTime });
  return pino(
    { base: undefined },
    pretty({
      sync: true,
      colorize: process.stdout.isTTY,
      translateTime: 'HH:MM:ss',
      ignore: 'requestId',
      singleLine: true,
    }),
  );
}

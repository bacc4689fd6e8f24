import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestHandler } from 'express';
import { type Logger, pino } from 'pino';
import { pinoHttp } from 'pino-http';
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
      ignore: 'req,res,responseTime,requestId,reqId',
      singleLine: true,
    }),
  );
}

/** The path and query of a request, with any `token` query value masked: URLs end up in logs. */
export function redactedUrl(url: string): string {
  return url.replace(/([?&]token=)[^&]*/gi, '$1***');
}

/** Express rewrites `url` inside routers; `originalUrl` keeps what the client asked for. */
function fullUrl(req: IncomingMessage): string {
  return (req as IncomingMessage & { originalUrl?: string }).originalUrl ?? req.url ?? '';
}

/** One line per request: method, path, status and milliseconds (plus the request id in JSON). */
export function requestLogger(logger: Logger): RequestHandler {
  // MOCK_LOG=off: no per-request child logger (pino-http cost 5% of the CPU under load, profiled),
  // only `req.log` for the stages that log a 500.
  if (!logger.isLevelEnabled('fatal'))
    return (req, _res, next) => {
      req.log = logger;
      next();
    };
  return pinoHttp({
    logger,
    quietReqLogger: true,
    genReqId: (_req: IncomingMessage, res: ServerResponse) => String(res.getHeader('x-request-id') ?? ''),
    customProps: (req: IncomingMessage) => ({ requestId: req.id }),
    serializers: {
      req: (req: { method: string; url: string }) => ({ method: req.method, url: redactedUrl(req.url) }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
    customSuccessMessage: (req: IncomingMessage, res: ServerResponse, ms: number) =>
      `${req.method} ${redactedUrl(fullUrl(req))} ${res.statusCode} ${Math.round(ms)}ms`,
    customErrorMessage: (req: IncomingMessage, res: ServerResponse) =>
      `${req.method} ${redactedUrl(fullUrl(req))} ${res.statusCode}`,
    customLogLevel: (_req: IncomingMessage, res: ServerResponse, err?: Error) =>
      err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
  }) as unknown as RequestHandler;
}

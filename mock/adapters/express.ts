import type { RequestHandler } from 'express';
import type { HandleRequest } from '../core/handle-request.ts';
import { coreRequestOf, writeAnswer } from './node-http.ts';

/**
 * The mock as Express middleware, for a team's own Express or Vite dev server:
 * `app.use(mockMiddleware(handle))`. The core sees the URL as the client sent it (`originalUrl`),
 * so the contract's base path holds wherever the middleware is mounted; a request that no route of
 * the mock takes goes on to the app's next handler.
 */
export function mockMiddleware(handle: HandleRequest): RequestHandler {
  return (req, res, next) => {
    handle(coreRequestOf(req, req.originalUrl), true).then((answered) => {
      if (answered) writeAnswer(res, answered);
      else next();
    }, next);
  };
}

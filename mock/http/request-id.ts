import { randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';

const SAFE_ID = /^[\w.:-]{1,128}$/;

/** Gives every request an id (the client's `X-Request-Id` when it is sane) and echoes it. */
export const requestId: RequestHandler = (req, res, next) => {
  const given = req.headers['x-request-id'];
  res.setHeader('X-Request-Id', typeof given === 'string' && SAFE_ID.test(given) ? given : randomUUID());
  next();
};

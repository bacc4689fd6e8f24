import express, { type RequestHandler } from 'express';

/**
 * Reads a JSON request body (up to 1 MB; more is 413). Only the routes of operations whose
 * contract takes a JSON body run it, so reads and uploads never pay for it.
 * `strict: false`, so that a JSON string or number is read as JSON and refused by the schema
 * (validation_failed, "must be object"), not mistaken for malformed JSON.
 */
export const jsonBody: RequestHandler = express.json({
  limit: '1mb',
  strict: false,
  type: ['application/json', 'application/*+json'],
});

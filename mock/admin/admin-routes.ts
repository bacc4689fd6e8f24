import express, { Router } from 'express';
import type { MockContext } from '../context.ts';
import { HttpProblem, validationProblem } from '../http/problem.ts';

/** The prefix of the admin endpoints: outside the contract and outside `/api`. */
export const ADMIN_PREFIX = '/__mock';

/**
 * Controls for frontend testing, outside the contract: reset the state to the seed, reseed with
 * another seed or size, and inspect the state. Protected like the API when auth is on, so a mock
 * shared on a network cannot be wiped by a stranger.
 */
export function adminRoutes(
  ctx: MockContext,
  reseed: (seed: number, counts?: Record<string, number>) => Promise<void>,
): Router {
  const router = Router();
  router.use(express.json({ limit: '10kb' }));
  router.use(async (req, _res, next) => {
    if (!ctx.options.auth) return next();
    const token = /^Bearer (\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
    await ctx.tokens.verify(token);
    next();
  });
  router.get('/state', (_req, res) => {
    const { store } = ctx;
    res.json({
      seed: ctx.options.seed,
      counts: Object.fromEntries(store.names().map((name) => [name, store.collection(name).size])),
      ...ctx.profile.profile?.adminState?.(ctx),
      realtimeClients: ctx.events.size,
      persistedTo: ctx.persistence?.path ?? null,
    });
  });
  router.get('/state/:collection', (req, res) => {
    const name = req.params.collection;
    if (!ctx.store.has(name))
      throw new HttpProblem('route_not_found', `Collections are ${ctx.store.names().join(', ')}.`);
    res.json([...ctx.store.collection(name).all()]);
  });
  router.post('/reset', async (_req, res) => {
    await reseed(ctx.options.seed);
    res.status(204).end();
  });
  // `{ "seed": 7, "calls": 500 }`: a new seed, and the size of any collection named beside it.
  router.post('/seed', async (req, res) => {
    const { seed, ...sizes } = (req.body ?? {}) as Record<string, unknown>;
    const errors = [];
    if (!Number.isInteger(seed) || (seed as number) < 0)
      errors.push({
        in: 'body' as const,
        field: '/seed',
        code: 'type',
        message: 'must be a whole number from 0',
      });
    for (const [name, size] of Object.entries(sizes)) {
      if (!ctx.store.has(name))
        errors.push({
          in: 'body' as const,
          field: `/${name}`,
          code: 'additionalProperties',
          message: `is not a collection; collections are ${ctx.store.names().join(', ')}`,
        });
      else if (!Number.isInteger(size) || (size as number) < 0 || (size as number) > 1_000_000)
        errors.push({
          in: 'body' as const,
          field: `/${name}`,
          code: 'type',
          message: 'must be a whole number from 0 to 1000000',
        });
    }
    if (errors.length > 0) throw validationProblem(errors);
    await reseed(seed as number, sizes as Record<string, number>);
    res.status(204).end();
  });
  return router;
}

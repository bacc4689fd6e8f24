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
  reseed: (seed: number, calls: number) => Promise<void>,
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
    await reseed(ctx.options.seed, ctx.options.calls);
    res.status(204).end();
  });
  router.post('/seed', async (req, res) => {
    const { seed, calls } = (req.body ?? {}) as { seed?: unknown; calls?: unknown };
    const errors = [];
    if (!Number.isInteger(seed) || (seed as number) < 0)
      errors.push({
        in: 'body' as const,
        field: '/seed',
        code: 'type',
        message: 'must be a whole number from 0',
      });
    if (
      calls !== undefined &&
      (!Number.isInteger(calls) || (calls as number) < 0 || (calls as number) > 1_000_000)
    )
      errors.push({
        in: 'body' as const,
        field: '/calls',
        code: 'type',
        message: 'must be a whole number from 0 to 1000000',
      });
    if (errors.length > 0) throw validationProblem(errors);
    await reseed(seed as number, (calls as number | undefined) ?? ctx.options.calls);
    res.status(204).end();
  });
  return router;
}

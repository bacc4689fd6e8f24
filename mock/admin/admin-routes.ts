import { bearerToken } from '../auth/authenticate.ts';
import type { MockContext } from '../context.ts';
import type { CoreResponse } from '../core/exchange.ts';
import type { ExtraRoute } from '../core/handle-request.ts';
import { readJsonBody } from '../core/read-body.ts';
import { HttpProblem, validationProblem } from '../http/problem.ts';

/** The prefix of the admin endpoints: outside the contract and outside `/api`. */
export const ADMIN_PREFIX = '/__mock';

const ADMIN_BODY_LIMIT = 10 * 1024;

/**
 * Controls for frontend testing, outside the contract: reset the state to the seed, reseed with
 * another seed or size, and inspect the state. Protected like the API when auth is on, so a mock
 * shared on a network cannot be wiped by a stranger.
 */
export function adminRoutes(
  ctx: MockContext,
  reseed: (seed: number, counts?: Record<string, number>) => Promise<void>,
): ExtraRoute {
  return async (req, path, headers) => {
    if (path !== ADMIN_PREFIX && !path.startsWith(`${ADMIN_PREFIX}/`)) return undefined;
    const rest = path.slice(ADMIN_PREFIX.length).replace(/\/$/, '');
    const route = `${req.method} ${rest.startsWith('/state/') ? '/state/:collection' : rest}`;
    if (!ROUTES.has(route)) return undefined;
    if (ctx.options.auth) {
      const header = req.headers.authorization;
      await ctx.tokens.verify(typeof header === 'string' ? bearerToken(header) : undefined);
    }
    const json = (value: unknown): CoreResponse => {
      const body = new TextEncoder().encode(JSON.stringify(value));
      headers['Content-Type'] = 'application/json; charset=utf-8';
      headers['Content-Length'] = String(body.length);
      return { status: 200, headers, body };
    };
    const { store } = ctx;
    switch (route) {
      case 'GET /state':
        return json({
          seed: ctx.seed(),
          counts: Object.fromEntries(store.names().map((name) => [name, store.collection(name).size])),
          ...ctx.profile.adminState(),
          realtimeClients: ctx.events.size,
          persistedTo: ctx.persistence?.path ?? null,
        });
      case 'GET /state/:collection': {
        const name = decodeURIComponent(rest.slice('/state/'.length));
        if (!store.has(name))
          throw new HttpProblem('route_not_found', `Collections are ${store.names().join(', ')}.`);
        return json([...store.collection(name).all()]);
      }
      case 'POST /reset':
        await reseed(ctx.seed());
        return { status: 204, headers };
      default: {
        const body = await readAdminBody(req.body.bytes.bind(req.body), req.headers);
        await seedWith(ctx, reseed, body);
        return { status: 204, headers };
      }
    }
  };
}

const ROUTES = new Set(['GET /state', 'GET /state/:collection', 'POST /reset', 'POST /seed']);

async function readAdminBody(
  bytes: (limit: number) => Promise<Uint8Array>,
  headers: Record<string, string | string[] | undefined>,
): Promise<unknown> {
  const declared = Number(headers['content-length']);
  if (declared > ADMIN_BODY_LIMIT)
    throw new HttpProblem('payload_too_large', `The body may be at most ${ADMIN_BODY_LIMIT} bytes.`);
  return readJsonBody({ bytes: () => bytes(ADMIN_BODY_LIMIT) }, headers);
}

/** `{ "seed": 7, "calls": 500 }`: a new seed, and the size of any collection named beside it. */
async function seedWith(
  ctx: MockContext,
  reseed: (seed: number, counts?: Record<string, number>) => Promise<void>,
  body: unknown,
): Promise<void> {
  const { seed, ...sizes } = (body ?? {}) as Record<string, unknown>;
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
}

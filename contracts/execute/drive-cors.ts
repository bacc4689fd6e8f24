import type { CheckContext } from '../check-context.ts';
import { operation } from '../plan/load-contract.ts';
import { isListOperation } from '../plan/request-shape.ts';
import type { Exchange } from '../types.ts';

/** An origin no x-cors policy allows. */
export const REFUSED_ORIGIN = 'https://evil.example';

/** What the cors check judges: from each allowed origin a preflight and a request, and both from another origin. */
export interface CorsRecord {
  /** The operation the requests went to. */
  target: string;
  allowed: { origin: string; preflight: Exchange; actual: Exchange }[];
  refused: Exchange[];
}

/**
 * Sends what a browser sends: a preflight for a credentialed POST and an actual GET, from every
 * origin the backend should allow (--cors-origin, else x-cors' development list) and from one it
 * must not. Undefined where the spec has no x-cors policy or no GET operation.
 */
export async function driveCors(
  ctx: Pick<CheckContext, 'contract' | 'http' | 'settings'>,
): Promise<CorsRecord | undefined> {
  const policy = ctx.contract.extensions.cors;
  if (!policy) return undefined;
  // Production replaces the development list (x-cors.productionOriginsEnv): --cors-origin says with what.
  const origins = ctx.settings.corsOrigins.length ? ctx.settings.corsOrigins : policy.allowedOrigins;
  // A list is what a browser page reads first; any GET otherwise.
  const gets = ctx.contract.operations.filter((o) => o.method === 'get');
  const target = gets.find((o) => isListOperation(o)) ?? gets[0];
  if (!target) return undefined;
  const preflight = (origin: string) =>
    ctx.http.send({
      method: 'OPTIONS',
      path: target.path,
      headers: {
        origin,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization,content-type',
      },
      description: `a preflight from ${origin}`,
    });
  const actual = (origin: string) =>
    ctx.http.call(operation(ctx.contract, target.operationId), {
      headers: { origin },
      description: `a request from ${origin}`,
    });
  const allowed: CorsRecord['allowed'] = [];
  for (const origin of origins)
    allowed.push({ origin, preflight: await preflight(origin), actual: await actual(origin) });
  const refused = [await preflight(REFUSED_ORIGIN), await actual(REFUSED_ORIGIN)];
  return { target: target.operationId, allowed, refused };
}

import type { JudgeContext } from '../check-context.ts';
import { type CorsRecord, driveCors } from '../execute/drive-cors.ts';
import { specPointer } from '../plan/spec-pointer.ts';
import type { Exchange } from '../types.ts';
import { describeResponse } from './describe.ts';
import type { Check } from './types.ts';

const POINTER = specPointer('x-cors');

/**
 * The CORS policy of the spec's `x-cors`, as a browser meets it: a preflight and an actual request
 * from an allowed origin are answered with that origin echoed (never `*`), `Vary: Origin`,
 * credentials, every allowed method and header, the max age and the exposed headers; the same
 * requests from another origin get no CORS headers at all. execute/drive-cors.ts sends them.
 */
export const cors: Check<CorsRecord | undefined> = {
  name: 'cors',
  catches:
    'A wrong CORS policy: an allowed origin refused, any origin allowed (or `*`), a missing method, header, exposed header, credentials flag, max age or Vary: Origin.',
  mutates: false,
  skipReason: (ctx) => (ctx.contract.extensions.cors ? undefined : 'the spec declares no x-cors policy'),
  drive: driveCors,
  judge(ctx, record) {
    const policy = ctx.contract.extensions.cors;
    if (!policy || !record) return;
    ctx.judged(record.target);
    const h = (e: Exchange, name: string) => e.response?.headers[name];
    for (const { origin: allowed, preflight: ok, actual: real } of record.allowed) {
      const problems: string[] = [];
      if ((ok.response?.status ?? 0) >= 300) problems.push(`the preflight answered ${ok.response?.status}`);
      if (h(ok, 'access-control-allow-origin') !== allowed)
        problems.push(`Access-Control-Allow-Origin is ${h(ok, 'access-control-allow-origin') ?? 'missing'}`);
      const methods = lower(h(ok, 'access-control-allow-methods'));
      const missingMethods = policy.allowedMethods.filter((m) => !methods.includes(m.toLowerCase()));
      if (missingMethods.length)
        problems.push(`Access-Control-Allow-Methods lacks ${missingMethods.join(', ')}`);
      const headers = lower(h(ok, 'access-control-allow-headers'));
      const missingHeaders = policy.allowedHeaders.filter((x) => !headers.includes(x.toLowerCase()));
      if (missingHeaders.length && !headers.includes('*'))
        problems.push(`Access-Control-Allow-Headers lacks ${missingHeaders.join(', ')}`);
      if (policy.allowCredentials && h(ok, 'access-control-allow-credentials') !== 'true')
        problems.push('Access-Control-Allow-Credentials is not true');
      if (h(ok, 'access-control-max-age') !== String(policy.maxAgeSeconds))
        problems.push(`Access-Control-Max-Age is ${h(ok, 'access-control-max-age') ?? 'missing'}`);
      report(ctx, ok, problems, `a preflight from the allowed origin ${allowed}`, expectation(policy));

      const realProblems: string[] = [];
      if (h(real, 'access-control-allow-origin') !== allowed)
        realProblems.push(
          `Access-Control-Allow-Origin is ${h(real, 'access-control-allow-origin') ?? 'missing'}`,
        );
      if (!lower(h(real, 'vary')).includes('origin')) realProblems.push('Vary does not name Origin');
      const exposed = lower(h(real, 'access-control-expose-headers'));
      const notExposed = policy.exposedHeaders.filter((x) => !exposed.includes(x.toLowerCase()));
      if (notExposed.length)
        realProblems.push(`Access-Control-Expose-Headers lacks ${notExposed.join(', ')}`);
      report(
        ctx,
        real,
        realProblems,
        `a request from the allowed origin ${allowed}`,
        `Access-Control-Allow-Origin: ${allowed}, Vary: Origin, Access-Control-Expose-Headers: ${policy.exposedHeaders.join(', ')}`,
      );
    }

    for (const exchange of record.refused) {
      const leaked = Object.keys(exchange.response?.headers ?? {}).filter((k) =>
        k.startsWith('access-control-allow'),
      );
      const refusedProblems = leaked.map((k) => `${k}: ${h(exchange, k)}`);
      report(
        ctx,
        exchange,
        refusedProblems,
        `${exchange.description} (not an allowed origin)`,
        'no Access-Control-Allow-* headers',
      );
    }
  },
};

function expectation(policy: {
  allowedMethods: string[];
  allowedHeaders: string[];
  maxAgeSeconds: number;
}): string {
  return `2xx with the origin echoed, Allow-Methods ${policy.allowedMethods.join(', ')}, Allow-Headers ${policy.allowedHeaders.join(', ')}, Allow-Credentials true, Max-Age ${policy.maxAgeSeconds}`;
}

function lower(value: string | undefined): string[] {
  return (value ?? '').split(',').map((s) => s.trim().toLowerCase());
}

function report(
  ctx: JudgeContext,
  exchange: Exchange,
  problems: string[],
  what: string,
  expected: string,
): void {
  if (problems.length === 0 && !exchange.error) return;
  ctx.fail({
    operationId: exchange.operationId,
    title: `CORS policy broken for ${what}`,
    message: `${what}: ${exchange.error ?? problems.join('; ')}.`,
    expected,
    actual: exchange.error ?? `${problems.join('; ')} (${describeResponse(exchange.response)})`,
    specPointer: POINTER,
    exchange,
  });
}

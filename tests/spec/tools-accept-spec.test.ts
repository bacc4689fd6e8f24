import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SchemaValidator } from '../../mock/openapi/schema-validator.ts';
import { bin, freePort, run, type Service, startService } from '../support/processes.ts';
import { spec } from './support.ts';

// OpenAPI 3.0.3 was chosen because every tool of the design reads it; this proves it for the two
// that are pickiest: Prism (mock and proxy) and Dredd (whose OpenAPI 3 support is 3.0 only).
describe('the tools of the design accept openapi.yaml', () => {
  let prism: Service;
  let base: string;

  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    prism = await startService(
      bin('prism'),
      ['mock', '--host', '127.0.0.1', '-p', String(port), 'openapi.yaml'],
      async () => (await fetch(`${base}/health`)).ok,
    );
  });
  afterAll(() => prism?.stop());

  it('Prism mocks it statically: a list answers its example, valid against the schema', async () => {
    const res = await fetch(`${base}/voip/calls`, { headers: { authorization: 'Bearer x' } });
    expect(res.status).toBe(200);
    const { document } = await spec();
    const ok = document.paths['/voip/calls']?.get?.responses['200'] as {
      content: Record<string, { schema: object }>;
    };
    const schema = ok.content['application/json']?.schema;
    expect(new SchemaValidator().validate(schema as object, await res.json())).toEqual({ ok: true });
  });

  it('Prism mocks it dynamically and enforces its security', async () => {
    const dynamic = await fetch(`${base}/topics`, {
      headers: { authorization: 'Bearer x', prefer: 'dynamic=true' },
    });
    expect(dynamic.status).toBe(200);
    expect(Array.isArray(((await dynamic.json()) as { items: unknown }).items)).toBe(true);
    const anonymous = await fetch(`${base}/topics`);
    expect(anonymous.status).toBe(401);
  });

  it('Dredd loads it and runs every 2xx transaction against Prism, all passing', async () => {
    const { code, output } = await run(bin('dredd'), [
      'openapi.yaml',
      base,
      '--hookfiles=tests/spec/dredd-prism-hooks.cjs',
      '--color=false',
    ]);
    const summary = /complete: (\d+) passing, (\d+) failing, (\d+) errors/.exec(output);
    expect(summary, output).not.toBeNull();
    expect(Number(summary?.[1])).toBeGreaterThanOrEqual(15);
    expect(summary?.slice(2), output).toEqual(['0', '0']);
    expect(code).toBe(0);
  }, 120_000);
});

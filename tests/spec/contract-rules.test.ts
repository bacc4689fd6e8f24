import type { OpenAPIV3 } from 'openapi-types';
import { describe, expect, it } from 'vitest';
import { fieldAddress, readConstraints } from '../../mock/openapi/constraints.ts';
import { readExtensions } from '../../mock/openapi/extensions.ts';
import { loadAsyncApi } from '../../mock/openapi/load-asyncapi.ts';
import { isProtected, listOperations } from '../../mock/openapi/operations.ts';
import { spec } from './support.ts';

type Response = OpenAPIV3.ResponseObject;

describe('the contract answers the open questions', () => {
  it('makes everything but login, refresh and health require a bearer token', async () => {
    const { document } = await spec();
    const publicOps = listOperations(document)
      .filter((op) => !isProtected(op))
      .map((op) => op.operationId);
    expect(publicOps.sort()).toEqual(['getHealth', 'login', 'refreshToken']);
    expect(document.components?.securitySchemes?.bearerAuth).toMatchObject({
      type: 'http',
      scheme: 'bearer',
    });
  });

  it('documents 401 with WWW-Authenticate and 429 with Retry-After on every protected operation', async () => {
    const { document } = await spec();
    for (const op of listOperations(document).filter(isProtected)) {
      const unauthorized = op.operation.responses['401'] as Response | undefined;
      const limited = op.operation.responses['429'] as Response | undefined;
      expect(unauthorized?.headers?.['WWW-Authenticate'], `${op.operationId} 401`).toMatchObject({
        required: true,
      });
      expect(limited?.headers?.['Retry-After'], `${op.operationId} 429`).toMatchObject({ required: true });
    }
  });

  it('answers every 4xx and 5xx as application/problem+json with a code', async () => {
    const { document } = await spec();
    for (const op of listOperations(document)) {
      for (const [status, response] of Object.entries(op.operation.responses)) {
        if (Number(status) < 400) continue;
        const media = (response as Response).content?.['application/problem+json'];
        expect(media, `${op.operationId} ${status}`).toBeDefined();
        expect((media?.schema as OpenAPIV3.SchemaObject | undefined)?.required).toContain('code');
      }
    }
  });

  // The limiter counts a request before anything judges it, so a 400, 401 or 404 carries the
  // headers as much as a 200 does; an unlimited operation (health) declares none of them.
  it('documents the rate-limit headers on every answer of a limited operation, and only there', async () => {
    const { document } = await spec();
    const rateLimits = readExtensions(document).rateLimits as NonNullable<
      ReturnType<typeof readExtensions>['rateLimits']
    >;
    const names = ['RateLimit-Limit', 'RateLimit-Remaining', 'RateLimit-Reset', 'RateLimit-Policy'];
    for (const op of listOperations(document)) {
      const limited = op.rateLimitPolicy !== 'none';
      if (limited)
        expect(
          rateLimits.policies[op.rateLimitPolicy ?? rateLimits.defaultPolicy],
          op.operationId,
        ).toBeDefined();
      for (const [status, response] of Object.entries(op.operation.responses)) {
        const declared = Object.keys((response as Response).headers ?? {}).filter((h) => names.includes(h));
        expect(declared, `${op.operationId} ${status}`).toEqual(limited ? names : []);
      }
    }
  });

  // The prose and the machine-readable rule say the same thing: a reader of the description alone
  // learns every field a cross-field rule relates, and that the rule is declared in x-constraints.
  it('states every x-constraints rule in its operation description, and declares the prose ones', async () => {
    const { document } = await spec();
    const declared = new Map<string, string[]>();
    for (const op of listOperations(document)) {
      const description = op.operation.description ?? '';
      const rules = readConstraints(op);
      if (rules.length > 0) expect(description, op.operationId).toContain('x-constraints');
      // Named in code, as `days` or as `days=N`.
      for (const rule of rules)
        for (const field of rule.rule === 'exists' ? [rule.field] : rule.fields)
          expect(description, `${op.operationId} ${rule.rule}`).toMatch(
            new RegExp(`\`${fieldAddress(field).name}[\`=]`),
          );
      declared.set(
        op.operationId,
        rules.map((r) => r.rule),
      );
    }
    expect(declared.get('listCalls')).toEqual(['before']);
    expect(declared.get('getStatistics')).toEqual(['atMostOne']);
    expect(declared.get('placeCall')).toEqual(['exists', 'exists']);
  });

  it('limits login more strictly than everything else', async () => {
    const { document } = await spec();
    const rateLimits = readExtensions(document).rateLimits as NonNullable<
      ReturnType<typeof readExtensions>['rateLimits']
    >;
    const login = listOperations(document).find((op) => op.operationId === 'login');
    const policy = rateLimits.policies[login?.rateLimitPolicy ?? ''];
    const fallback = rateLimits.policies[rateLimits.defaultPolicy];
    expect(
      policy && fallback && policy.limit / policy.windowSeconds < fallback.limit / fallback.windowSeconds,
    ).toBe(true);
  });

  it('declares a CORS policy that lets the Vite dev server in and exposes the rate-limit headers', async () => {
    const { document } = await spec();
    const { cors } = readExtensions(document);
    expect(cors.allowedOrigins).toEqual(
      expect.arrayContaining(['http://localhost:5173', 'http://127.0.0.1:5173']),
    );
    expect(cors.allowedOrigins).not.toContain('*');
    expect(cors.allowedHeaders).toEqual(expect.arrayContaining(['Authorization', 'Content-Type']));
    expect(cors.exposedHeaders).toEqual(
      expect.arrayContaining(['RateLimit-Limit', 'RateLimit-Remaining', 'Retry-After']),
    );
    expect(cors.maxAgeSeconds).toBeGreaterThan(0);
  });

  it('declares the upload field, formats and largest size, and documents 413 and 415', async () => {
    const { document } = await spec();
    const [upload] = readExtensions(document).uploads;
    expect(upload).toMatchObject({ operationId: 'uploadFile', field: 'file' });
    expect(upload?.contentTypes.every((t) => t.startsWith('audio/'))).toBe(true);
    expect(upload?.maxFileSizeBytes).toBeGreaterThan(0);
    const op = listOperations(document).find((o) => o.operationId === 'uploadFile');
    expect(Object.keys(op?.operation.responses ?? {})).toEqual(expect.arrayContaining(['413', '415']));
  });

  it('declares JWT rules and lifetimes in x-auth', async () => {
    const { document } = await spec();
    const { auth } = readExtensions(document);
    expect(auth.accessToken).toMatchObject({ format: 'JWT', algorithm: 'HS256' });
    expect(auth.accessToken.ttlSeconds).toBeLessThan(auth.refreshToken.ttlSeconds);
    expect(auth.refreshToken.rotation).toBe(true);
  });

  it('caps every list at 100 items a page', async () => {
    const { document } = await spec();
    const lists = listOperations(document).filter((op) => op.parameters.some((p) => p.name === 'pageSize'));
    expect(lists.map((op) => op.operationId).sort()).toEqual([
      'listCalls',
      'listFiles',
      'listQas',
      'listTopics',
    ]);
    for (const op of lists) {
      const pageSize = op.parameters.find((p) => p.name === 'pageSize')?.schema as OpenAPIV3.SchemaObject;
      expect(pageSize.maximum, op.operationId).toBe(100);
    }
  });

  it('names in x-emits only events that asyncapi.yaml defines, and every state change emits', async () => {
    const { document } = await spec();
    const { messages } = await loadAsyncApi();
    for (const op of listOperations(document)) {
      for (const event of op.emits)
        expect(messages.has(event), `${op.operationId} emits ${event}`).toBe(true);
      const changesState = op.method !== 'get' && op.tags[0] !== 'auth';
      if (changesState) expect(op.emits.length, `${op.operationId} has x-emits`).toBeGreaterThan(0);
    }
  });
});

import type { OpenAPIV3 } from 'openapi-types';
import { createEnglishFaker } from '../../mock/engine/create-faker.ts';
import { generateValue } from '../../mock/engine/generate-value.ts';
import { jsonRequestSchema } from '../../mock/engine/schema-shape.ts';
import type { SpecOperation } from '../../mock/openapi/operations.ts';
import type { RunningMock } from '../../mock/start-mock.ts';

const faker = createEnglishFaker(5);
const NOW = Date.parse('2026-11-01T00:00:00Z');

/** A plausible value for a parameter: its example, default or enum, else one generated from its schema. */
export function parameterValue(param: OpenAPIV3.ParameterObject): string {
  const schema = (param.schema ?? {}) as OpenAPIV3.SchemaObject;
  const value =
    param.example ??
    schema.example ??
    schema.default ??
    schema.enum?.[0] ??
    generateValue(schema, { seed: 3, faker, hints: {}, from: NOW - 86_400_000, to: NOW });
  return Array.isArray(value)
    ? value.join(',')
    : typeof value === 'object'
      ? JSON.stringify(value)
      : String(value);
}

/**
 * Sends one request an ordinary client of a foreign contract would send to an operation: a seeded
 * record's id in the path where the operation belongs to a collection, required query values,
 * credentials for its security schemes, and a body generated from its request schema.
 */
export async function sendTypical(mock: RunningMock, op: SpecOperation): Promise<Response> {
  const resource = mock.ctx.resources.find((r) => Object.values(r.operations).includes(op));
  const seeded = resource ? [...mock.ctx.store.collection(resource.name).all()][0] : undefined;
  let path = op.path;
  const query = new URLSearchParams();
  const headers = new Headers({ authorization: 'Bearer any-token' });
  for (const param of op.parameters) {
    const value =
      param.in === 'path' && resource && param.name === resource.idParam && seeded
        ? String(seeded[resource.idField])
        : parameterValue(param);
    if (param.in === 'path') path = path.replace(`{${param.name}}`, encodeURIComponent(value));
    else if (param.in === 'query' && param.required) query.set(param.name, value);
    else if (param.in === 'header' && param.required) headers.set(param.name, value);
  }
  const schemes = mock.ctx.spec.document.components?.securitySchemes ?? {};
  for (const requirement of op.security)
    for (const name of Object.keys(requirement)) {
      const scheme = schemes[name] as OpenAPIV3.SecuritySchemeObject | undefined;
      if (scheme?.type === 'apiKey' && scheme.in === 'header') headers.set(scheme.name, 'any-key');
      if (scheme?.type === 'apiKey' && scheme.in === 'query') query.set(scheme.name, 'any-key');
      if (scheme?.type === 'apiKey' && scheme.in === 'cookie') headers.set('cookie', `${scheme.name}=any`);
    }
  const schema = jsonRequestSchema(op.operation);
  let body: string | undefined;
  if (schema && op.method !== 'get' && op.method !== 'head') {
    body = JSON.stringify(
      generateValue(schema as never, { seed: 11, faker, hints: {}, from: NOW - 86_400_000, to: NOW }),
    );
    headers.set('content-type', 'application/json');
  }
  const search = query.size > 0 ? `?${query}` : '';
  return fetch(`${mock.baseUrl}${path}${search}`, { method: op.method.toUpperCase(), headers, body });
}

import type { OpenAPIV3 } from 'openapi-types';
import type { SpecOperation } from '../../mock/openapi/operations.ts';
import { styledSchema } from '../../mock/openapi/parameter-style.ts';

/** Operations that change nothing (RFC 9110 safe methods). */
export function isSafe(op: SpecOperation): boolean {
  return op.method === 'get' || op.method === 'head' || op.method === 'options';
}

/** The JSON request body's schema, when the operation takes one. */
export function jsonBodySchema(op: SpecOperation): OpenAPIV3.SchemaObject | undefined {
  const body = op.operation.requestBody as OpenAPIV3.RequestBodyObject | undefined;
  return body?.content?.['application/json']?.schema as OpenAPIV3.SchemaObject | undefined;
}

export function isMultipart(op: SpecOperation): boolean {
  const body = op.operation.requestBody as OpenAPIV3.RequestBodyObject | undefined;
  return Boolean(body?.content?.['multipart/form-data']);
}

export function parametersIn(
  op: SpecOperation,
  where: 'query' | 'path' | 'header' | 'cookie',
): OpenAPIV3.ParameterObject[] {
  return op.parameters.filter((p) => p.in === where);
}

/** A parameter's schema: its own, or its `content` media type's. */
export function parameterSchema(param: OpenAPIV3.ParameterObject): OpenAPIV3.SchemaObject {
  return styledSchema(param);
}

/** Example values of the JSON request body: `example`, then every `examples` entry. */
export function bodyExamples(op: SpecOperation): unknown[] {
  const body = op.operation.requestBody as OpenAPIV3.RequestBodyObject | undefined;
  const media = body?.content?.['application/json'];
  if (!media) return [];
  const values: unknown[] = [];
  if (media.example !== undefined) values.push(media.example);
  for (const e of Object.values(media.examples ?? {})) values.push((e as OpenAPIV3.ExampleObject).value);
  return values;
}

/** The first 2xx response's JSON schema: what a successful answer holds. */
export function successSchema(op: SpecOperation): OpenAPIV3.SchemaObject | undefined {
  for (const [status, response] of Object.entries(op.operation.responses ?? {})) {
    if (!status.startsWith('2')) continue;
    const media = (response as OpenAPIV3.ResponseObject).content?.['application/json'];
    if (media?.schema) return media.schema as OpenAPIV3.SchemaObject;
  }
  return undefined;
}

/** True for a list operation: a GET answering the Page envelope (`items` and `total`). */
export function isListOperation(op: SpecOperation): boolean {
  if (op.method !== 'get') return false;
  const schema = successSchema(op);
  const props = collectProperties(schema);
  return 'items' in props && 'total' in props;
}

export function collectProperties(schema: OpenAPIV3.SchemaObject | undefined): Record<string, unknown> {
  if (!schema) return {};
  let props: Record<string, unknown> = { ...(schema.properties ?? {}) };
  for (const part of (schema.allOf ?? []) as OpenAPIV3.SchemaObject[])
    props = { ...props, ...collectProperties(part) };
  return props;
}

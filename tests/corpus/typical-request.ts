import type { OpenAPIV3 } from 'openapi-types';
import type { Resource } from '../../mock/engine/describe-resources.ts';
import { jsonRequestSchema, type Schema } from '../../mock/engine/schema-shape.ts';
import type { SpecOperation } from '../../mock/openapi/operations.ts';
import type { RunningMock } from '../../mock/start-mock.ts';
import { parameterValue } from '../engine/foreign-requests.ts';
import { type Body, requestBody, type Validate } from './request-body.ts';

/** Where typical requests go: a base URL, the document, and the listed id a path parameter names. */
export interface RequestTarget {
  baseUrl: string;
  document: OpenAPIV3.Document;
  /**
   * A listed record's id for a path parameter that names a collection's id, if there is one; the
   * collection whose item path the operation's path lies under first (`/filter/{id}/permission`
   * takes a filter's id, not the first `{id}` of the document).
   */
  idFor(param: string, path: string): string | undefined;
  /** Judges a body against its schema (the served contract's validator); without it, one generated body is sent unjudged. */
  validate?: Validate;
}

/** This project's running mock as a target: ids from its seeded records. */
export function mockTarget(mock: RunningMock): RequestTarget {
  return {
    baseUrl: mock.baseUrl,
    document: mock.ctx.spec.document,
    idFor: (name, path) => seededId(mock, name, path),
    validate: (schema, value) => mock.ctx.validator.validate(schema, value),
  };
}

/**
 * The credentials a client of the document sends: one of each kind its schemes name (any value
 * passes a mock that, like Prism, accepts any credential of a scheme).
 */
export function credentials(document: OpenAPIV3.Document): {
  headers: Record<string, string>;
  query: Record<string, string>;
} {
  const headers: Record<string, string> = { authorization: 'Bearer any-token' };
  const query: Record<string, string> = {};
  const schemes = document.components?.securitySchemes ?? {};
  for (const scheme of Object.values(schemes) as OpenAPIV3.SecuritySchemeObject[]) {
    if (scheme.type === 'http' && scheme.scheme.toLowerCase() === 'basic')
      headers.authorization = `Basic ${Buffer.from('user:pass').toString('base64')}`;
    if (scheme.type === 'apiKey' && scheme.in === 'header') headers[scheme.name.toLowerCase()] = 'any-key';
    if (scheme.type === 'apiKey' && scheme.in === 'query') query[scheme.name] = 'any-key';
    if (scheme.type === 'apiKey' && scheme.in === 'cookie') headers.cookie = `${scheme.name}=any-key`;
  }
  return { headers, query };
}

/** A seeded record's id for a path parameter that names a collection's id, where one does. */
function seededId(mock: RunningMock, name: string, path: string): string | undefined {
  const under = (r: Resource) =>
    r.itemPath !== undefined && (path === r.itemPath || path.startsWith(`${r.itemPath}/`));
  const resources = [...mock.ctx.resources].sort((a, b) => Number(under(b)) - Number(under(a)));
  for (const resource of resources) {
    const first = [...mock.ctx.store.collection(resource.name).all()][0];
    if (!first) continue;
    if (resource.idParam === name) return String(first[resource.idField]);
    if (resource.parent?.param === name && first[resource.parent.field] !== undefined)
      return String(first[resource.parent.field]);
  }
  return undefined;
}

export interface RequestPlan {
  method: string;
  url: string;
  headers: Headers;
  body: string | undefined;
  /** Set when no body valid against the request schema was found: why, and any defect of the schema. */
  invalidBody?: Omit<Body, 'value'>;
}

/**
 * The request an ordinary client sends to an operation: listed (seeded) ids in the path where a
 * parameter names a collection's id, `pathValues` where the caller knows better, required query
 * and header values, credentials, and a body generated from the request schema.
 */
export function typicalRequest(
  target: RequestTarget,
  op: SpecOperation,
  pathValues: Record<string, string> = {},
  record?: Schema,
): RequestPlan {
  const auth = credentials(target.document);
  let path = op.path;
  const query = new URLSearchParams(auth.query);
  const headers = new Headers(auth.headers);
  for (const param of op.parameters) {
    const value =
      param.in === 'path'
        ? (pathValues[param.name] ?? target.idFor(param.name, op.path) ?? parameterValue(param))
        : parameterValue(param);
    if (param.in === 'path') path = path.replace(`{${param.name}}`, encodeURIComponent(value));
    else if (param.in === 'query' && param.required) query.set(param.name, value);
    else if (param.in === 'header' && param.required) headers.set(param.name, value);
  }
  const schema = jsonRequestSchema(op.operation);
  let body: string | undefined;
  let invalidBody: RequestPlan['invalidBody'];
  if (schema && op.method !== 'get' && op.method !== 'head') {
    const { value, ...why } = requestBody(schema, target.validate, record);
    body = JSON.stringify(value);
    if (why.invalid !== undefined) invalidBody = why;
    headers.set('content-type', 'application/json');
  }
  const search = query.size > 0 ? `?${query}` : '';
  const url = `${target.baseUrl}${path}${search}`;
  return { method: op.method.toUpperCase(), url, headers, body, ...(invalidBody ? { invalidBody } : {}) };
}

/** The value of the record's id field in an answer: at its top, or one level down (an envelope). */
export function idIn(body: unknown, resource: Resource): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const own = (body as Record<string, unknown>)[resource.idField];
  if (own !== undefined && own !== null && typeof own !== 'object') return String(own);
  // The record under the key the collection wraps it in first (Hetzner's `floating_ip`, beside an
  // `action` that has an id of its own), then any object holding an id field.
  const wrap = Object.values(resource.shapes).find((shape) => shape?.kind === 'wrap');
  const wrapped = wrap?.kind === 'wrap' ? (body as Record<string, unknown>)[wrap.field] : undefined;
  const inWrap = (wrapped as Record<string, unknown> | undefined)?.[resource.idField];
  if (inWrap !== undefined && inWrap !== null && typeof inWrap !== 'object') return String(inWrap);
  for (const value of Object.values(body))
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      const inner = (value as Record<string, unknown>)[resource.idField];
      if (inner !== undefined && inner !== null && typeof inner !== 'object') return String(inner);
    }
  return undefined;
}

/** Whether a list answer (a bare array, or an envelope holding one) has a record with this id (any id: undefined). */
export function listHas(body: unknown, resource: Resource, id: string | undefined): boolean {
  const arrays: unknown[][] = Array.isArray(body)
    ? [body]
    : typeof body === 'object' && body !== null
      ? Object.values(body).filter((v): v is unknown[] => Array.isArray(v))
      : [];
  return arrays.some((items) =>
    items.some(
      (item) =>
        typeof item === 'object' &&
        item !== null &&
        (id === undefined ? idIn(item, resource) !== undefined : idIn(item, resource) === id),
    ),
  );
}

/** At most `max` operations, evenly spread over the document's order (all of a smaller document). */
export function sampleOperations<T>(items: T[], max: number): T[] {
  if (items.length <= max) return [...items];
  return Array.from({ length: max }, (_, i) => items[Math.floor((i * items.length) / max)] as T);
}

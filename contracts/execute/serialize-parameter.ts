import type { OpenAPIV3 } from 'openapi-types';
import type { SpecOperation } from '../../mock/openapi/operations.ts';
import { parameterStyle, styledSchema, writeParameter } from '../../mock/openapi/parameter-style.ts';
import { findParameter, type ReadValue, readParameter } from '../../mock/openapi/read-parameter.ts';

/**
 * A parameter value in words, for descriptions and shrinking (`status=busy,no_answer`). What goes
 * on the wire is written by each parameter's style (`writeQuery`, `writePath`).
 */
export function serializeParameter(value: unknown): string {
  // Items through the same rules: String() throws on an object without a prototype.
  if (Array.isArray(value)) return value.map(serializeParameter).join(',');
  if (value !== null && typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

function declared(op: SpecOperation, where: string, name: string): OpenAPIV3.ParameterObject | undefined {
  return op.parameters.find((p) => p.in === where && p.name === name);
}

/**
 * The query string of a call, each declared parameter written in its style (`a=1&a=2` for the
 * default exploded form, `a=1,2`, `a[x]=1`, …); a name the operation does not declare goes as
 * plain text. Undefined values are left out.
 */
export function writeQuery(op: SpecOperation, query: Record<string, unknown>): string {
  const parts: string[] = [];
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined) continue;
    const param = declared(op, 'query', name);
    const part = param
      ? writeParameter(parameterStyle(param), value)
      : `${encodeURIComponent(name)}=${encodeURIComponent(serializeParameter(value))}`;
    if (part !== '') parts.push(part);
  }
  return parts.join('&');
}

/** A path parameter's segment, in its style (`5`, `.5`, `;id=5`). */
export function writePath(op: SpecOperation, name: string, value: unknown): string {
  const param = declared(op, 'path', name);
  return param ? writeParameter(parameterStyle(param), value) : encodeURIComponent(serializeParameter(value));
}

/**
 * What a server reading the parameter as the spec says gets from this value: the value written on
 * the wire, parsed back as a transport would, then read by its style. A generated invalid value
 * must still be invalid after this trip (a string sent for a list is a list of one).
 */
export function readBack(param: OpenAPIV3.ParameterObject, value: unknown): ReadValue {
  const how = parameterStyle(param);
  const schema = styledSchema(param);
  const wire = writeParameter(how, value);
  const query: Record<string, unknown> = {};
  if (how.in === 'query')
    for (const [name, text] of new URLSearchParams(wire)) {
      const seen = query[name];
      query[name] = seen === undefined ? text : Array.isArray(seen) ? [...seen, text] : [seen, text];
    }
  const raw = findParameter(how, schema, {
    query,
    path: how.in === 'path' ? { [how.name]: safeDecode(wire) } : {},
    headers:
      how.in === 'header' ? { [how.name.toLowerCase()]: wire } : how.in === 'cookie' ? { cookie: wire } : {},
  });
  if (raw === undefined) return { ok: false, message: 'nothing is sent' };
  if (typeof raw === 'object' && 'error' in raw) return { ok: false, message: String(raw.error) };
  return readParameter(raw, schema, how);
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * The part of a query the operation declares: the runner's own helpers (`pageSize=1` to find an
 * item) are sent only where the API documents them, never as undocumented input to a foreign API.
 */
export function declaredQuery(op: SpecOperation, query: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(query).filter(([name]) => declared(op, 'query', name)));
}

/** A path segment read back by its parameter's style (`.5` of a label is `5`), as text for the path. */
export function readPath(op: SpecOperation, name: string, segment: string): string {
  const param = declared(op, 'path', name);
  if (!param) return segment;
  const how = parameterStyle(param);
  const raw = findParameter(how, styledSchema(param), { query: {}, path: { [name]: segment }, headers: {} });
  if (raw === undefined || (typeof raw === 'object' && 'error' in raw)) return segment;
  const read = readParameter(raw, styledSchema(param), how);
  return read.ok ? serializeParameter(read.value) : segment;
}

/**
 * The header and cookie parameters of a call as request headers, each written in its style; the
 * cookies joined into one Cookie header. Names the operation does not declare are left out.
 */
export function writeHeaders(op: SpecOperation, params: Record<string, unknown>): Record<string, string> {
  const headers: Record<string, string> = {};
  const cookies: string[] = [];
  for (const [name, value] of Object.entries(params)) {
    if (value === undefined) continue;
    const param = declared(op, 'header', name) ?? declared(op, 'cookie', name);
    if (!param) continue;
    const text = writeParameter(parameterStyle(param), value);
    if (param.in === 'cookie') cookies.push(text);
    else headers[name.toLowerCase()] = text;
  }
  if (cookies.length) headers.cookie = cookies.join('; ');
  return headers;
}

import type { OpenAPIV3 } from 'openapi-types';
import { isJson, type ParameterStyle } from './parameter-style.ts';

type Schema = OpenAPIV3.SchemaObject;

/** The outcome of reading one raw parameter as its schema's type. */
export type ReadValue = { ok: true; value: unknown } | { ok: false; message: string; code?: 'style' };

/** Where a request's parameters are, as a transport has parsed them. */
export interface ParameterSource {
  /** The query as Node's querystring parses it: a repeated name is an array, `a[b]` stays one key. */
  query: Record<string, unknown>;
  /** Path parameters by name, already percent-decoded. */
  path: Record<string, unknown>;
  /** Header names in lower case. */
  headers: Record<string, string | string[] | undefined>;
}

/** What was read: undefined when the parameter is absent, else its text (or texts, or object of texts). */
export type RawParameter = string | string[] | Record<string, string> | undefined;

/**
 * Finds a parameter's raw text in a request, before its schema's types are applied: the named
 * query value (every `name[key]` of a deepObject; each property's own key for an exploded `form`
 * object), the path segment without its `label`/`matrix` prefix, the header, or the cookie.
 */
export function findParameter(
  how: ParameterStyle,
  schema: Schema,
  source: ParameterSource,
): RawParameter | { error: string } {
  switch (how.in) {
    case 'path': {
      const raw = source.path[how.name];
      if (typeof raw !== 'string' || raw === '') return undefined;
      if (how.mediaType) return raw;
      if (how.style === 'label')
        return raw.startsWith('.') ? raw.slice(1) : { error: `must start with "." (style label)` };
      if (how.style === 'matrix') {
        if (!raw.startsWith(';')) return { error: 'must start with ";" (style matrix)' };
        // A single value is `;name=value`; lists and objects are split by their own rules.
        const rest = raw.slice(1);
        if (schema.type === 'array' || isObjectSchema(schema)) return rest;
        return rest.startsWith(`${how.name}=`)
          ? rest.slice(how.name.length + 1)
          : { error: `must be ;${how.name}=value (style matrix)` };
      }
      return raw;
    }
    case 'header': {
      const raw = source.headers[how.name.toLowerCase()];
      return Array.isArray(raw) ? raw.join(',') : raw;
    }
    case 'cookie': {
      const header = source.headers.cookie;
      for (const part of (Array.isArray(header) ? header.join('; ') : (header ?? '')).split(';')) {
        const at = part.indexOf('=');
        if (at > 0 && part.slice(0, at).trim() === how.name) return safeDecode(part.slice(at + 1).trim());
      }
      return undefined;
    }
    default:
      break;
  }
  if (!how.mediaType && isObjectSchema(schema)) {
    if (how.style === 'deepObject') {
      const prefix = `${how.name}[`;
      const found = Object.entries(source.query).filter(([k]) => k.startsWith(prefix) && k.endsWith(']'));
      if (found.length === 0) return undefined;
      const object: Record<string, string> = {};
      for (const [key, value] of found) {
        if (Array.isArray(value)) return { error: `${key} must be given once` };
        object[key.slice(prefix.length, -1)] = String(value);
      }
      return object;
    }
    if (how.style === 'form' && how.explode) {
      const object: Record<string, string> = {};
      for (const name of Object.keys(schema.properties ?? {})) {
        const value = source.query[name];
        if (value === undefined) continue;
        if (Array.isArray(value)) return { error: `${name} must be given once` };
        object[name] = String(value);
      }
      return Object.keys(object).length > 0 ? object : undefined;
    }
  }
  const raw = source.query[how.name];
  if (raw === undefined) return undefined;
  return Array.isArray(raw) ? raw.map(String) : String(raw);
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

export function isObjectSchema(schema: Schema): boolean {
  return schema.type === 'object' || (schema.type === undefined && schema.properties !== undefined);
}

const SEPARATORS: Record<string, string> = {
  form: ',',
  simple: ',',
  spaceDelimited: ' ',
  pipeDelimited: '|',
  label: ',',
  matrix: ',',
};

/**
 * Splits the raw text of an array parameter into its items, by style: `a,b` (form and simple not
 * exploded, label not exploded), `a b`, `a|b`, repeated names for an exploded query, `a.b` for an
 * exploded label, `a;name=b` for an exploded matrix. A single value is a list of one.
 */
function splitItems(
  how: ParameterStyle,
  raw: string | string[],
): { ok: true; items: string[] } | { ok: false; message: string } {
  if (how.in === 'query' && how.explode) return { ok: true, items: Array.isArray(raw) ? raw : [raw] };
  if (Array.isArray(raw)) {
    const separator = SEPARATORS[how.style] ?? ',';
    const example = `${how.name}=a${separator === ' ' ? '%20' : separator}b`;
    return {
      ok: false,
      message: `must be given once, as ${example} (style ${how.style}, explode false), not repeated as ${how.name}=a&${how.name}=b`,
    };
  }
  if (how.in === 'path' && how.style === 'matrix') {
    // `color=blue,black` (not exploded) or `color=blue;color=black` (exploded), the `;` already gone.
    const parts = how.explode ? raw.split(';') : [raw];
    const items: string[] = [];
    for (const part of parts) {
      if (!part.startsWith(`${how.name}=`))
        return { ok: false, message: `must be written ;${how.name}=value` };
      const value = part.slice(how.name.length + 1);
      if (how.explode) items.push(value);
      else items.push(...(value === '' ? [] : value.split(',')));
    }
    return { ok: true, items };
  }
  if (how.in === 'path' && how.style === 'label' && how.explode)
    return { ok: true, items: raw === '' ? [] : raw.split('.') };
  const separator = SEPARATORS[how.style] ?? ',';
  return { ok: true, items: raw === '' ? [] : raw.split(separator) };
}

/**
 * Reads the raw text of an object parameter into its properties' texts: already an object for
 * deepObject and exploded form; `R,100,G,200` (explode false) or `R=100,G=200` (explode true, `.`
 * for an exploded label, `;` for an exploded matrix) otherwise.
 */
function splitObject(
  how: ParameterStyle,
  raw: RawParameter,
): { ok: true; object: Record<string, string> } | { ok: false; message: string } {
  if (raw === undefined) return { ok: true, object: {} };
  if (typeof raw === 'object' && !Array.isArray(raw)) return { ok: true, object: raw };
  if (Array.isArray(raw)) return { ok: false, message: 'must be given once' };
  let text = raw;
  if (how.in === 'path' && how.style === 'matrix' && !how.explode) {
    if (!text.startsWith(`${how.name}=`)) return { ok: false, message: `must be written ;${how.name}=…` };
    text = text.slice(how.name.length + 1);
  }
  const object: Record<string, string> = {};
  if (how.explode && how.style !== 'form') {
    const separator = how.style === 'label' ? '.' : how.style === 'matrix' ? ';' : ',';
    for (const pair of text.split(separator)) {
      const at = pair.indexOf('=');
      if (at <= 0) return { ok: false, message: `must be key=value pairs, not "${pair}"` };
      object[pair.slice(0, at)] = pair.slice(at + 1);
    }
    return { ok: true, object };
  }
  const separator = SEPARATORS[how.style] ?? ',';
  const parts = text === '' ? [] : text.split(separator);
  if (parts.length % 2 !== 0) return { ok: false, message: 'must be key,value pairs' };
  for (let i = 0; i < parts.length; i += 2) object[parts[i] as string] = parts[i + 1] as string;
  return { ok: true, object };
}

/**
 * Turns the raw text of a parameter into the value its schema describes: numbers, booleans,
 * arrays and objects in exactly the form the parameter declares (mock/openapi/parameter-style.ts).
 * `explode: false` (the contract's `status`) takes `status=a,b` and refuses `status=a&status=b`;
 * an exploded array takes the repeated form, each value one item, and a single value is a list of
 * one. A scalar sent twice (`?page=1&page=2`) is refused instead of silently taking one of them.
 */
export function readParameter(raw: unknown, schema: Schema, how: ParameterStyle): ReadValue {
  if (how.mediaType) return readContent(raw, how.mediaType);
  if (schema.type === 'array') {
    if (typeof raw === 'object' && raw !== null && !Array.isArray(raw))
      return { ok: false, message: 'must be a list of values, not an object' };
    const split = splitItems(how, raw as string | string[]);
    if (!split.ok) return { ok: false, code: 'style', message: split.message };
    const itemSchema = (schema.items ?? {}) as Schema;
    const values: unknown[] = [];
    for (const item of split.items) {
      const one = coerceScalar(item, itemSchema);
      if (!one.ok) return one;
      values.push(one.value);
    }
    return { ok: true, value: values };
  }
  if (isObjectSchema(schema)) {
    const split = splitObject(how, raw as RawParameter);
    if (!split.ok) return { ok: false, code: 'style', message: split.message };
    const properties = (schema.properties ?? {}) as Record<string, Schema>;
    const value: Record<string, unknown> = {};
    for (const [key, text] of Object.entries(split.object)) {
      const one = coerceScalar(text, properties[key] ?? {});
      if (!one.ok) return { ok: false, message: `${key} ${one.message}` };
      value[key] = one.value;
    }
    return { ok: true, value };
  }
  if (Array.isArray(raw) || (typeof raw === 'object' && raw !== null)) {
    return { ok: false, message: 'must be given once, as a single value' };
  }
  return coerceScalar(String(raw), schema);
}

/** A `content`-typed parameter: JSON parsed whole, any other media type taken as its text. */
function readContent(raw: unknown, mediaType: string): ReadValue {
  if (Array.isArray(raw) || typeof raw !== 'string') return { ok: false, message: 'must be given once' };
  if (!isJson(mediaType)) return { ok: true, value: raw };
  try {
    return { ok: true, value: JSON.parse(raw) };
  } catch {
    return { ok: false, message: `must be ${mediaType}` };
  }
}

function coerceScalar(text: string, schema: Schema): ReadValue {
  switch (schema.type) {
    case 'integer':
      return /^-?\d{1,15}$/.test(text)
        ? { ok: true, value: Number(text) }
        : { ok: false, message: 'must be a whole number' };
    case 'number':
      return text.trim() !== '' && Number.isFinite(Number(text))
        ? { ok: true, value: Number(text) }
        : { ok: false, message: 'must be a number' };
    case 'boolean':
      if (text === 'true') return { ok: true, value: true };
      if (text === 'false') return { ok: true, value: false };
      return { ok: false, message: 'must be true or false' };
    default:
      return { ok: true, value: text };
  }
}

import { serializeArrayParam, serializeObjectParam } from 'openapi-fetch';
import type { OpenAPIV3 } from 'openapi-types';

type Schema = OpenAPIV3.SchemaObject;

/**
 * How one parameter is written in a request, OpenAPI 3's `style`, `explode`, `allowReserved` and
 * `content`, with the defaults the specification gives: query and cookie `form`, path and header
 * `simple`; `explode` true for `form` only. The runner writes values this way and the mock reads
 * them this way, so that both halves agree on one definition of the styles.
 */
export interface ParameterStyle {
  name: string;
  in: 'query' | 'path' | 'header' | 'cookie';
  style: string;
  explode: boolean;
  allowReserved: boolean;
  /** Set for a `content`-typed parameter: the value is this media type's text (JSON), written whole. */
  mediaType?: string;
}

const DEFAULT_STYLE: Record<string, string> = {
  query: 'form',
  cookie: 'form',
  path: 'simple',
  header: 'simple',
};

export function parameterStyle(param: OpenAPIV3.ParameterObject): ParameterStyle {
  const style = param.style ?? DEFAULT_STYLE[param.in] ?? 'form';
  const mediaType = param.content ? Object.keys(param.content)[0] : undefined;
  return {
    name: param.name,
    in: param.in as ParameterStyle['in'],
    style,
    explode: param.explode ?? style === 'form',
    allowReserved: param.allowReserved ?? false,
    ...(mediaType ? { mediaType } : {}),
  };
}

/** The schema of a parameter: its own, or that of its `content` media type. */
export function styledSchema(param: OpenAPIV3.ParameterObject): Schema {
  if (param.schema) return param.schema as Schema;
  const media = Object.values(param.content ?? {})[0];
  return (media?.schema ?? {}) as Schema;
}

const isJson = (mediaType: string) => /(^|[/+])json$/i.test(mediaType.split(';')[0]?.trim() ?? '');

/** A scalar as text; anything else as JSON (a style says nothing about nested values). */
const text = (value: unknown): string =>
  value !== null && typeof value === 'object' ? JSON.stringify(value) : String(value);

/**
 * `allowReserved: true` lets RFC 3986 reserved characters through unencoded, except the ones that
 * would end the value in a query (`&`, `=`, `#`, `+`): a value must read back as it was sent.
 */
function keepReserved(encoded: string): string {
  return encoded.replace(/%(3A|2F|3F|5B|5D|40|21|24|27|28|29|2A|2C|3B)/gi, (m) => decodeURIComponent(m));
}

/**
 * A parameter's value as it goes on the wire, already percent-encoded where the location needs it:
 * for the query the whole `name=value` part (`color=blue&color=black` exploded, `color[R]=100` for
 * deepObject; '' when there is nothing to send), for the path the segment (`.blue.black`,
 * `;id=5`), for a header its value, for a cookie `name=value`.
 */
export function writeParameter(how: ParameterStyle, value: unknown): string {
  const enc = (s: string) =>
    how.allowReserved ? keepReserved(encodeURIComponent(s)) : encodeURIComponent(s);
  if (how.mediaType !== undefined) {
    const whole = isJson(how.mediaType) ? JSON.stringify(value) : text(value);
    if (how.in === 'query') return `${encodeURIComponent(how.name)}=${enc(whole)}`;
    if (how.in === 'cookie') return `${how.name}=${encodeURIComponent(whole)}`;
    return how.in === 'path' ? encodeURIComponent(whole) : whole;
  }
  if (how.in === 'header') return headerText(how, value);
  if (how.in === 'cookie')
    return `${how.name}=${encodeURIComponent(headerText({ ...how, explode: false }, value))}`;
  const style = how.style;
  if (Array.isArray(value)) {
    const items = value.map(text);
    if (how.in === 'query' && items.length === 0) return '';
    const written = serializeArrayParam(how.name, items, {
      style: style as Parameters<typeof serializeArrayParam>[2]['style'],
      explode: how.explode,
      allowReserved: false,
    });
    return how.allowReserved ? keepReserved(written) : written;
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, text(v)]);
    const object = Object.fromEntries(entries) as Record<string, string>;
    if (how.in === 'query' && (style === 'spaceDelimited' || style === 'pipeDelimited')) {
      const separator = style === 'spaceDelimited' ? '%20' : '|';
      return `${encodeURIComponent(how.name)}=${entries.flat().map(enc).join(separator)}`;
    }
    const written = serializeObjectParam(how.name, object, {
      style: style as Parameters<typeof serializeObjectParam>[2]['style'],
      explode: how.explode,
      allowReserved: false,
    });
    return how.allowReserved ? keepReserved(written) : written;
  }
  const one = text(value);
  if (how.in === 'query') return `${encodeURIComponent(how.name)}=${enc(one)}`;
  if (style === 'label') return `.${encodeURIComponent(one)}`;
  if (style === 'matrix') return `;${how.name}=${encodeURIComponent(one)}`;
  return encodeURIComponent(one);
}

/** Headers carry text as is (`simple`): `a,b` for a list, `R,100,G,200` or `R=100,G=200` for an object. */
function headerText(how: ParameterStyle, value: unknown): string {
  if (Array.isArray(value)) return value.map(text).join(',');
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    return how.explode
      ? entries.map(([k, v]) => `${k}=${text(v)}`).join(',')
      : entries.flatMap(([k, v]) => [k, text(v)]).join(',');
  }
  return text(value);
}

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
      if (how.style === 'matrix')
        return raw.startsWith(';') ? raw.slice(1) : { error: `must start with ";" (style matrix)` };
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
export function splitItems(
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
export function splitObject(
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

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

export const isJson = (mediaType: string) => /(^|[/+])json$/i.test(mediaType.split(';')[0]?.trim() ?? '');

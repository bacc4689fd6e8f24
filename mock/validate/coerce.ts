import type { OpenAPIV3 } from 'openapi-types';
import {
  isObjectSchema,
  type ParameterStyle,
  type RawParameter,
  splitItems,
  splitObject,
} from '../../spec/parameter-style.ts';

type Schema = OpenAPIV3.SchemaObject;

/** The outcome of reading one raw parameter as its schema's type. */
export type Coerced = { ok: true; value: unknown } | { ok: false; message: string; code?: 'style' };

/** How a parameter is written in the request: OpenAPI 3's `style` and `explode`, defaults left out. */
export interface Serialization {
  name: string;
  in: 'query' | 'path' | 'header' | 'cookie';
  style?: string | undefined;
  explode?: boolean | undefined;
  /** A `content`-typed parameter's media type: its value is that type's text, read whole. */
  mediaType?: string | undefined;
}

/** The style with OpenAPI's defaults filled in: query and cookie `form`, path and header `simple`. */
function withDefaults(how: Serialization): ParameterStyle {
  const style = how.style ?? (how.in === 'path' || how.in === 'header' ? 'simple' : 'form');
  return {
    name: how.name,
    in: how.in,
    style,
    explode: how.explode ?? style === 'form',
    allowReserved: false,
    ...(how.mediaType ? { mediaType: how.mediaType } : {}),
  };
}

/**
 * Turns the raw text of a parameter into the value its schema describes: numbers, booleans,
 * arrays and objects in exactly the form the parameter declares (spec/parameter-style.ts).
 * `explode: false` (the contract's `status`) takes `status=a,b` and refuses `status=a&status=b`;
 * an exploded array takes the repeated form, each value one item, and a single value is a list of
 * one. A scalar sent twice (`?page=1&page=2`) is refused instead of silently taking one of them.
 */
export function coerceParameter(raw: unknown, schema: Schema, serialization: Serialization): Coerced {
  const how = withDefaults(serialization);
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
function readContent(raw: unknown, mediaType: string): Coerced {
  if (Array.isArray(raw) || typeof raw !== 'string') return { ok: false, message: 'must be given once' };
  if (!/(^|[/+])json$/i.test(mediaType.split(';')[0]?.trim() ?? '')) return { ok: true, value: raw };
  try {
    return { ok: true, value: JSON.parse(raw) };
  } catch {
    return { ok: false, message: `must be ${mediaType}` };
  }
}

function coerceScalar(text: string, schema: Schema): Coerced {
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

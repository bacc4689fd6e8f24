import type { OpenAPIV3 } from 'openapi-types';

type Schema = OpenAPIV3.SchemaObject;

/** The outcome of reading one raw query or path value as its schema's type. */
export type Coerced = { ok: true; value: unknown } | { ok: false; message: string; code?: 'style' };

/** How a parameter is written in the URL: OpenAPI 3.0's `style` and `explode`. */
export interface Serialization {
  name: string;
  in: 'query' | 'path';
  style?: string;
  explode?: boolean;
}

const SEPARATORS: Record<string, string> = {
  form: ',',
  simple: ',',
  spaceDelimited: ' ',
  pipeDelimited: '|',
};

/**
 * Turns the text of a query or path parameter into the value its schema describes: numbers,
 * booleans, and arrays in exactly the form the parameter declares. `explode: false` (the
 * contract's `status`) takes `status=a,b` and refuses `status=a&status=b`; an exploded array takes
 * the repeated form, each value one item. A scalar sent twice (`?page=1&page=2`) is refused
 * instead of silently taking one of them.
 */
export function coerceParameter(raw: unknown, schema: Schema, how: Serialization): Coerced {
  if (schema.type === 'array') {
    const items = arrayItems(raw, how);
    if (!items.ok) return items;
    const itemSchema = (schema.items ?? {}) as Schema;
    const values: unknown[] = [];
    for (const item of items.value) {
      const one = coerceScalar(item, itemSchema);
      if (!one.ok) return one;
      values.push(one.value);
    }
    return { ok: true, value: values };
  }
  if (Array.isArray(raw) || (typeof raw === 'object' && raw !== null)) {
    return { ok: false, message: 'must be given once, as a single value' };
  }
  return coerceScalar(String(raw), schema);
}

/** The items of an array parameter, read by its declared style (defaults: query form, path simple). */
function arrayItems(
  raw: unknown,
  how: Serialization,
): { ok: true; value: string[] } | Extract<Coerced, { ok: false }> {
  const style = how.style ?? (how.in === 'path' ? 'simple' : 'form');
  const explode = how.explode ?? style === 'form';
  const separator = SEPARATORS[style] ?? ',';
  if (typeof raw === 'object' && raw !== null && !Array.isArray(raw))
    return { ok: false, message: 'must be a list of values, not an object' };
  if (explode && how.in === 'query')
    return { ok: true, value: (Array.isArray(raw) ? raw : [raw]).map(String) };
  if (Array.isArray(raw)) {
    const example = `${how.name}=a${separator === ' ' ? '%20' : separator}b`;
    return {
      ok: false,
      code: 'style',
      message: `must be given once, as ${example} (style ${style}, explode false), not repeated as ${how.name}=a&${how.name}=b`,
    };
  }
  const text = String(raw);
  return { ok: true, value: text === '' ? [] : text.split(separator) };
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

import type { OpenAPIV3 } from 'openapi-types';

type Schema = OpenAPIV3.SchemaObject;

/** The outcome of reading one raw query or path value as its schema's type. */
export type Coerced = { ok: true; value: unknown } | { ok: false; message: string };

/**
 * Turns the text of a query or path parameter into the value its schema describes: numbers,
 * booleans, and comma-separated arrays (style form, explode false). A scalar sent twice
 * (`?page=1&page=2`) is refused instead of silently taking one of them.
 */
export function coerceParameter(raw: unknown, schema: Schema): Coerced {
  if (schema.type === 'array') {
    const text = Array.isArray(raw) ? raw.join(',') : String(raw);
    const items = text === '' ? [] : text.split(',');
    const itemSchema = (schema.items ?? {}) as Schema;
    const values: unknown[] = [];
    for (const item of items) {
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

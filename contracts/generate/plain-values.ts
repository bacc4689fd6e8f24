import type { OpenAPIV3 } from 'openapi-types';
import { type ArbitraryOptions, mergeAllOf } from './arbitrary.ts';

type Schema = OpenAPIV3.SchemaObject;

export interface PlainOptions {
  /** Only the required properties, arrays at their minimum size: the smallest body a server takes. */
  requiredOnly: boolean;
  /** Makes the run's text unique (`contract_run_3f2a`): a second create is no duplicate of the first. */
  marker: string;
  /** The run's clock, so that the same seed and clock give the same bytes. */
  now: Date;
  depth?: ArbitraryOptions['depth'];
}

/**
 * The value a person would type for a schema, or undefined where the schema asks for what only a
 * random draw can give (a pattern): the schema's example, default or first enum value, else
 * `contract_run_…` for text (a word every identifier rule takes: label names, slugs, handles), 1 or
 * the minimum for numbers, false for booleans, and times that make sense together (a field named
 * for a start is now, one named for an end a day later, both in the future of a server's clock).
 * Generated bodies find what a server wrongly refuses; these find the writes that succeed, where a
 * server holds rules its description states only in prose (a silence must end after it starts).
 */
export function plainValue(schema: Schema, options: PlainOptions, name = ''): unknown {
  const depth = options.depth ?? 0;
  if (depth > 6) return undefined;
  if (schema.allOf) return plainValue(mergeAllOf(schema), options, name);
  const stated = [schema.example, schema.default, ...(schema.enum ?? [])].find(
    (v) => v !== undefined && v !== null,
  );
  if (stated !== undefined) return stated;
  const first = (schema.oneOf ?? schema.anyOf)?.[0] as Schema | undefined;
  if (first) return plainValue(first, options, name);
  switch (schema.type) {
    case 'string':
      return plainString(schema, options, name);
    case 'integer':
    case 'number':
      return plainNumber(schema);
    case 'boolean':
      return false;
    case 'array': {
      const count = Math.max(schema.minItems ?? 0, options.requiredOnly ? 0 : 1);
      const items = Array.from({ length: count }, (_, i) =>
        plainValue(
          (schema.items ?? {}) as Schema,
          { ...options, depth: depth + 1, marker: `${options.marker}_${i}` },
          name,
        ),
      );
      return items.some((v) => v === undefined) ? undefined : items;
    }
    default:
      return plainObject(schema, options);
  }
}

function plainObject(schema: Schema, options: PlainOptions): Record<string, unknown> | undefined {
  const required = new Set(schema.required ?? []);
  const result: Record<string, unknown> = {};
  for (const [name, property] of Object.entries((schema.properties ?? {}) as Record<string, Schema>)) {
    if (property.readOnly) continue;
    if (options.requiredOnly && !required.has(name)) continue;
    const value = plainValue(property, { ...options, depth: (options.depth ?? 0) + 1 }, name);
    if (value === undefined && required.has(name)) return undefined;
    if (value !== undefined) result[name] = value;
  }
  return result;
}

const DAY_MS = 86_400_000;

function plainString(schema: Schema, options: PlainOptions, name: string): string | undefined {
  // An end, an expiry or a deadline a day from now; anything else (a start, a creation) now.
  const later = /(end|until|expir|finish|due|deadline|stop)/i.test(name) && !/start|begin/i.test(name);
  const at = new Date(options.now.getTime() + (later ? DAY_MS : 60_000));
  switch (schema.format) {
    case 'date-time':
      return at.toISOString();
    case 'date':
      return at.toISOString().slice(0, 10);
    case 'email':
      return `${options.marker.replace(/_/g, '.')}@example.com`;
    case 'uri':
    case 'url':
      return `https://example.com/${options.marker}`;
    case 'uuid':
      return undefined;
  }
  if (schema.pattern) return undefined;
  const min = schema.minLength ?? 0;
  const max = schema.maxLength ?? Number.POSITIVE_INFINITY;
  const text = options.marker.padEnd(min, '_');
  return text.length <= max ? text : text.slice(0, max);
}

function plainNumber(schema: Schema): number {
  const low = schema.minimum ?? (schema.maximum !== undefined ? Math.min(1, schema.maximum) : 1);
  const above = schema.exclusiveMinimum === true || typeof schema.exclusiveMinimum === 'number';
  const value = typeof schema.exclusiveMinimum === 'number' ? schema.exclusiveMinimum : low;
  const step = schema.multipleOf ?? 1;
  const start = above ? value + step : value;
  return schema.multipleOf ? Math.ceil(start / step) * step : start;
}

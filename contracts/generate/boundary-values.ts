import type { OpenAPIV3 } from 'openapi-types';
import type { SchemaValidator } from '../../mock/openapi/schema-validator.ts';
import { mergeAllOf } from './arbitrary.ts';
import type { InvalidValue } from './invalid-values.ts';

type Schema = OpenAPIV3.SchemaObject;

const EMOJI = '👋';

/** A string of exactly `length` characters (code points) that starts with `marker` when it fits. */
function fill(length: number, unit: string, marker: string): string {
  const head = [...marker].length <= length ? marker : '';
  return head + unit.repeat(length - [...head].length);
}

/**
 * Valid bodies at the edges of each free-text field: exactly maxLength characters, in ASCII and in
 * emoji (JSON Schema counts code points, JavaScript's `length` counts UTF-16 units, so a backend
 * that counts the latter wrongly refuses them), exactly minLength, and only spaces (valid: a
 * schema's minLength counts spaces). `marker` keeps values unique
 * between runs. Only values the contract's validator accepts are kept.
 */
export function boundaryBodies(
  schema: Schema,
  base: Record<string, unknown>,
  marker: string,
  validator: SchemaValidator,
): InvalidValue[] {
  const s = schema.allOf ? mergeAllOf(schema) : schema;
  const out: InvalidValue[] = [];
  for (const [name, raw] of Object.entries((s.properties ?? {}) as Record<string, Schema>)) {
    const p = raw.allOf ? mergeAllOf(raw) : raw;
    for (const [value, why] of rangeEdges(p))
      out.push({ description: `/${name} of exactly ${value} (${why})`, value: { ...base, [name]: value } });
    if (p.type !== 'string' || p.pattern || p.format || p.enum) continue;
    if (p.maxLength !== undefined) {
      const at = (length: number) => ({ ...base, [name]: fill(length, 'x', marker) });
      out.push({
        description: `/${name} of exactly ${p.maxLength} characters (maxLength)`,
        value: at(p.maxLength),
        resize: { field: `/${name}`, length: p.maxLength, least: Math.max(1, p.minLength ?? 0), at },
      });
      out.push({
        description: `/${name} of ${p.maxLength} emoji (maxLength counts characters)`,
        value: { ...base, [name]: fill(p.maxLength, EMOJI, marker) },
      });
    }
    // Whitespace is text too: a backend that trims before storing can end up below minLength.
    const spaces = Math.max(1, p.minLength ?? 0);
    if (p.maxLength === undefined || spaces <= p.maxLength)
      out.push({
        description: `/${name} of only ${spaces} space${spaces > 1 ? 's' : ''}`,
        value: { ...base, [name]: ' '.repeat(spaces) },
      });
    if (p.minLength !== undefined && p.minLength > 1)
      out.push({
        description: `/${name} of exactly ${p.minLength} characters (minLength)`,
        value: { ...base, [name]: fill(p.minLength, 'y', marker.slice(0, p.minLength)) },
      });
  }
  return out.filter((candidate) => validator.validate(schema, candidate.value).ok);
}

/** A number schema's own edges, each valid: exactly `minimum` and exactly `maximum` (not exclusive). */
function rangeEdges(p: Schema): [number, string][] {
  if (p.type !== 'integer' && p.type !== 'number') return [];
  const edges: [number, string][] = [];
  if (p.minimum !== undefined && !p.exclusiveMinimum) edges.push([p.minimum, 'minimum']);
  if (p.maximum !== undefined && !p.exclusiveMaximum) edges.push([p.maximum, 'maximum']);
  return edges;
}

/**
 * Valid values of a query parameter at its declared limits: exactly its minimum and maximum (a
 * page size of exactly 100, `days=366`), and a free-text value of exactly maxLength characters.
 * One past each is refused: invalid-values sends those.
 */
export function boundaryQueryValues(schema: Schema): { value: unknown; why: string }[] {
  const p = schema.allOf ? mergeAllOf(schema) : schema;
  const out: { value: unknown; why: string }[] = rangeEdges(p).map(([value, why]) => ({ value, why }));
  if (p.type === 'string' && !p.pattern && !p.format && !p.enum && p.maxLength !== undefined)
    out.push({ value: 'q'.repeat(p.maxLength), why: 'maxLength' });
  return out;
}

import type { Schema } from './schema-shape.ts';

type Loose = Record<string, unknown>;

const LOWER = ['minimum', 'minLength', 'minItems', 'minProperties', 'exclusiveMinimum'];
const UPPER = ['maximum', 'maxLength', 'maxItems', 'maxProperties', 'exclusiveMaximum'];

/** A schema with its `allOf` merged, and the `oneOf`/`anyOf` lists it and its parts still offer. */
export interface Flattened {
  schema: Schema;
  /** Each list asks for one (`oneOf`) or some (`anyOf`) of its branches to hold. */
  choices: { kind: 'oneOf' | 'anyOf'; branches: Schema[] }[];
}

/**
 * One schema that asks for everything an `allOf` asks for, to generate from: properties merged
 * (a property named by two parts must meet both, as a nested `allOf`), `required` joined, the
 * tighter of two limits, the common part of two enums or type lists. The `oneOf`/`anyOf` lists
 * of the schema and its parts come apart as choices, for the generator to pick a branch of each.
 * A generator reads this; the validator still judges the value against the schema as written.
 */
export function flattenSchema(schema: Schema, depth = 0): Flattened {
  const choices: Flattened['choices'] = [];
  const take = (s: Loose): Loose => {
    const { allOf: _a, oneOf, anyOf, ...rest } = s;
    if (Array.isArray(oneOf)) choices.push({ kind: 'oneOf', branches: oneOf as Schema[] });
    if (Array.isArray(anyOf)) choices.push({ kind: 'anyOf', branches: anyOf as Schema[] });
    return rest;
  };
  let merged = take(schema as Loose);
  for (const part of (schema.allOf ?? []) as Schema[]) {
    if (typeof part !== 'object' || part === null) continue;
    if (part.allOf && depth < 8) {
      const inner = flattenSchema(part, depth + 1);
      choices.push(...inner.choices);
      merged = mergeTwo(merged, inner.schema as Loose);
    } else merged = mergeTwo(merged, take(part as Loose));
  }
  return { schema: merged as Schema, choices };
}

/** Two schemas as one, as flattenSchema merges the parts of an `allOf` (neither has composites left). */
export function mergeSchemas(a: Schema, b: Schema): Schema {
  return mergeTwo(a as Loose, b as Loose) as Schema;
}

function mergeTwo(a: Loose, b: Loose): Loose {
  // `additionalProperties: false` closes an object to its own `properties`, whatever the other
  // part names (JSON Schema reads each part alone): the other part's extra names are left out.
  b = closedTo(a, b);
  a = closedTo(b, a);
  const out: Loose = { ...a };
  for (const [key, value] of Object.entries(b)) {
    const mine = out[key];
    if (mine === undefined) {
      out[key] = value;
      continue;
    }
    if (key === 'properties') out[key] = mergeProperties(mine as Loose, value as Loose);
    else if (key === 'required') out[key] = [...new Set([...(mine as string[]), ...(value as string[])])];
    else if (LOWER.includes(key) && typeof mine === 'number' && typeof value === 'number')
      out[key] = Math.max(mine, value);
    else if (UPPER.includes(key) && typeof mine === 'number' && typeof value === 'number')
      out[key] = Math.min(mine, value);
    else if (key === 'enum') {
      const common = (mine as unknown[]).filter((v) => (value as unknown[]).includes(v));
      out[key] = common.length > 0 ? common : value;
    } else if (key === 'type') out[key] = commonType(mine, value);
    else if (key === 'additionalProperties' && (mine === false || value === false)) out[key] = false;
    else if (key === 'nullable') out[key] = mine === true && value === true;
    else out[key] = value;
  }
  return out;
}

function mergeProperties(a: Loose, b: Loose): Loose {
  const out: Loose = { ...a };
  for (const [name, schema] of Object.entries(b))
    out[name] = out[name] === undefined || out[name] === schema ? schema : { allOf: [out[name], schema] };
  return out;
}

function commonType(a: unknown, b: unknown): unknown {
  const left = Array.isArray(a) ? a : [a];
  const right = Array.isArray(b) ? b : [b];
  let common = left.filter((t) => right.includes(t));
  // `integer` is a `number`: the pair means integer.
  if (common.length === 0 && left.includes('integer') && right.includes('number')) common = ['integer'];
  if (common.length === 0 && left.includes('number') && right.includes('integer')) common = ['integer'];
  if (common.length === 0) return b;
  return common.length === 1 ? common[0] : common;
}

/** `b` without the properties a closed `a` does not name. */
function closedTo(a: Loose, b: Loose): Loose {
  if (a.additionalProperties !== false || typeof b.properties !== 'object' || b.properties === null) return b;
  const known = (a.properties ?? {}) as Loose;
  const patterns = Object.keys((a.patternProperties ?? {}) as Loose).map((p) => safeRegExp(p));
  const kept = Object.entries(b.properties as Loose).filter(
    ([name]) => name in known || patterns.some((re) => re?.test(name)),
  );
  return { ...b, properties: Object.fromEntries(kept) };
}

function safeRegExp(pattern: string): RegExp | undefined {
  try {
    return new RegExp(pattern, 'u');
  } catch {
    return undefined;
  }
}

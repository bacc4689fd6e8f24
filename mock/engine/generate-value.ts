import type { Faker } from '@faker-js/faker';
import { generateNumber, generateString } from './generate-scalar.ts';
import { flattenSchema, mergeSchemas } from './merge-all-of.ts';
import type { Schema } from './schema-shape.ts';

/** Faker hints a profile adds to faker's own (`x-faker: phone.uzbek`), each made from a seeded faker. */
export type FakerHints = Record<string, (faker: Faker) => unknown>;

export interface GenerateOptions {
  seed: number;
  faker: Faker;
  hints: FakerHints;
  /** Follow `x-faker` hints (false: only the schema's constraints, for a second try). */
  useHints?: boolean;
  /** The range of generated date-times, so that seeds are the same whatever day they run. */
  from: number;
  to: number;
  /**
   * Judges a value against a schema (the mock's Ajv). Given, a `oneOf` branch or a `not` is kept
   * only when the value it gave holds for the schema as written (exactly one branch matches, the
   * forbidden schema does not), and another branch is tried otherwise.
   */
  check?: (schema: Schema, value: unknown) => boolean;
  /** A request body (readOnly fields left out) rather than an answer (writeOnly fields left out). */
  writing?: boolean;
  /**
   * For a schema no finite value meets (a node that requires a parent node, without end): stop
   * a little past the depth budget and leave out the required fields that found no value.
   */
  partial?: boolean;
}

/**
 * How much one value may hold. Below `depth` levels, or after `nodes` values, only what the schema
 * requires is generated (optional fields left out, arrays at `minItems`, nullable values null,
 * the cheapest branch of a `oneOf` first), so a recursive schema ends; past `hardDepth` or
 * `hardNodes` a schema that requires without end gives no value at all. A 2.5 MB payments
 * description with 108 cycles ran json-schema-faker out of memory; this walk is linear in the
 * value it makes.
 */
export const BUDGET = { depth: 4, nodes: 400, hardDepth: 32, hardNodes: 20_000 };

const NONE = Symbol('no value');

/**
 * A value for a schema, drawn from the seeded faker: the same seed gives the same value. Valid by
 * construction for types (3.0 `nullable`, 3.1 type lists), `const`, `enum`, `allOf` (merged),
 * `oneOf`/`anyOf` (a branch, with the discriminator's value), `not` (with `check`), object and
 * array limits, `pattern` (randexp, lookaheads tested), formats and number ranges. `x-faker` (a
 * faker method path such as `person.fullName`, or a profile's hint) supplies the value where
 * given; the caller checks and conforms it. Undefined when the schema admits no value found.
 */
export function generateValue(schema: Schema, options: GenerateOptions): unknown {
  options.faker.seed(options.seed);
  const value = new Walk(options).value(schema, 0);
  return value === NONE ? undefined : value;
}

type Loose = Record<string, unknown>;

const isSchema = (s: unknown): s is Schema & Loose =>
  typeof s === 'object' && s !== null && !Array.isArray(s);

/** The types a schema admits; inferred from its keywords when it names none. */
function typesOf(s: Schema & Loose): string[] {
  if (Array.isArray(s.type)) return s.type as string[];
  if (typeof s.type === 'string') return [s.type];
  if (s.properties || s.additionalProperties || s.required || s.patternProperties) return ['object'];
  if (s.items || s.prefixItems || s.minItems !== undefined) return ['array'];
  if (s.pattern || s.format || s.minLength !== undefined || s.maxLength !== undefined) return ['string'];
  if (s.minimum !== undefined || s.maximum !== undefined || s.multipleOf !== undefined) return ['number'];
  return [];
}

/** What a branch costs to make: the cheapest first when the budget is spent, so recursion ends. */
function cost(s: unknown): number {
  if (!isSchema(s)) return 1;
  const types = typesOf(s);
  if (types.includes('null')) return 0;
  if (types.some((t) => t === 'object' || t === 'array') || s.allOf || s.oneOf || s.anyOf) return 2;
  return 1;
}

class Walk {
  private nodes = 0;
  private readonly faker: Faker;

  constructor(private readonly o: GenerateOptions) {
    this.faker = o.faker;
  }

  private shallow(depth: number): boolean {
    return depth >= BUDGET.depth || this.nodes >= BUDGET.nodes;
  }

  value(schema: unknown, depth: number): unknown {
    if (schema === false) return NONE;
    if (!isSchema(schema)) return this.faker.lorem.word();
    const limit = this.o.partial ? BUDGET.depth + 2 : BUDGET.hardDepth;
    if (depth > limit || ++this.nodes > BUDGET.hardNodes) return NONE;
    const s = schema;
    if ('const' in s) return s.const;
    if (Array.isArray(s.enum) && s.enum.length > 0) {
      // Members of the schema's own type first (an enum may list values its `type` refuses).
      const types = typesOf(s);
      const typed = s.enum.filter(
        (v) => v !== null && (types.length === 0 || types.some((t) => isOfType(v, t))),
      );
      const members = typed.length > 0 ? typed : s.enum.filter((v) => v !== null);
      return members.length > 0 ? this.faker.helpers.arrayElement(members) : null;
    }
    const hinted = this.hint(s);
    if (hinted !== undefined) return hinted;
    if (s.allOf || s.oneOf || s.anyOf) return this.composite(s, depth);
    if (s.not !== undefined && this.o.check) {
      const { not: _, ...rest } = s;
      for (let i = 0; i < 6; i++) {
        const v = this.value(rest, depth);
        if (v !== NONE && this.o.check(s, v)) return v;
      }
      return NONE;
    }
    return this.typed(s, depth);
  }

  /** `x-faker`: a profile's hint by name, else a faker method path (`person.fullName`). */
  private hint(s: Loose): unknown {
    const name = s['x-faker'];
    if (this.o.useHints === false || typeof name !== 'string') return undefined;
    const custom = this.o.hints[name];
    if (custom) return custom(this.faker);
    // The method is run on its own module (`faker.person`), which faker's methods read as `this`.
    let owner: unknown;
    let method: unknown = this.faker;
    for (const part of name.split('.')) [owner, method] = [method, (method as Loose | undefined)?.[part]];
    if (typeof method !== 'function') return undefined;
    try {
      return Reflect.apply(method, owner, []);
    } catch {
      return undefined;
    }
  }

  /**
   * `allOf` merged, then one branch of each `oneOf`/`anyOf` merged in (a branch's own composites
   * joining the queue). A `oneOf` value is kept when `check` finds exactly one branch holds; other
   * picks are tried, a bounded number of times.
   */
  private composite(s: Schema & Loose, depth: number): unknown {
    // A `nullable` beside no `type` does not carry into the branches it sits beside (isNullable).
    const { schema: base, choices } = flattenSchema(
      s.nullable === true && s.type === undefined ? { ...s, nullable: false } : s,
    );
    const strict = this.o.check && (choices.some((c) => c.kind === 'oneOf') || s.not !== undefined);
    const tries = strict ? 6 : 1;
    // One seeded start per schema, then each attempt turns to the next branch.
    const start = this.faker.number.int(1000);
    for (let attempt = 0; attempt < tries; attempt++) {
      let merged = base;
      const queue = [...choices];
      let discriminator: [string, string] | undefined;
      for (let guard = 0; queue.length > 0 && guard < 32; guard++) {
        const choice = queue.shift() as (typeof choices)[number];
        const index = this.pickBranch(choice.branches, depth, start, attempt);
        if (index === undefined) return NONE;
        discriminator ??= discriminatorValue(s, choice.branches, index);
        const flat = flattenSchema(choice.branches[index] as Schema);
        merged = mergeSchemas(merged, flat.schema);
        queue.push(...flat.choices);
      }
      // A value that matched two `oneOf` branches usually carries an optional field that only
      // one branch requires (`org` or `orgID`): later attempts make only what is required.
      if (attempt >= 2) merged = requiredOnly(merged);
      let v = this.value(merged, depth);
      if (v === NONE) continue;
      if (discriminator && isSchema(v) && typeof v[discriminator[0]] === 'string')
        v = { ...v, [discriminator[0]]: discriminator[1] };
      if (!strict || this.o.check?.(s, v)) return v;
    }
    return NONE;
  }

  private pickBranch(branches: Schema[], depth: number, start: number, attempt: number): number | undefined {
    const usable = branches.map((b, i) => [b, i] as const).filter(([b]) => (b as unknown) !== false);
    if (usable.length === 0) return undefined;
    if (this.shallow(depth)) {
      const sorted = [...usable].sort((a, b) => cost(a[0]) - cost(b[0]));
      return (sorted[attempt % sorted.length] as (typeof usable)[number])[1];
    }
    return (usable[(start + attempt) % usable.length] as (typeof usable)[number])[1];
  }

  private typed(s: Schema & Loose, depth: number): unknown {
    const types = typesOf(s);
    // 3.0.3 reads `nullable` only beside `type` (see isNullable): no null where readers differ.
    const nullable = (s.nullable === true && s.type !== undefined) || types.includes('null');
    const concrete = types.filter((t) => t !== 'null');
    if (nullable && (concrete.length === 0 || this.shallow(depth))) return null;
    switch (concrete[0]) {
      case 'object':
        return this.object(s, depth);
      case 'array':
        return this.array(s, depth);
      case 'integer':
      case 'number':
        // `format: int32`/`int64` on a `number` asks for a whole number too.
        return (
          generateNumber(s, concrete[0] === 'integer' || /^int(32|64)$/.test(String(s.format)), this.faker) ??
          NONE
        );
      case 'boolean':
        return this.faker.datatype.boolean();
      default:
        return generateString(s, this.faker, this.o) ?? NONE;
    }
  }

  private object(s: Schema & Loose, depth: number): unknown {
    const properties = (isSchema(s.properties) ? s.properties : {}) as Record<string, unknown>;
    const required = new Set((s.required as string[] | undefined) ?? []);
    const max = (s.maxProperties as number | undefined) ?? Number.POSITIVE_INFINITY;
    const min = (s.minProperties as number | undefined) ?? 0;
    const out: Loose = {};
    const extraSchema = isSchema(s.additionalProperties) ? s.additionalProperties : {};
    for (const name of required) {
      const v = this.value(name in properties ? properties[name] : extraSchema, depth + 1);
      if (v !== NONE) out[name] = v;
      else if (!this.o.partial) return NONE;
    }
    const optional = Object.entries(properties).filter(
      ([name, child]) =>
        !required.has(name) &&
        child !== false &&
        !(isSchema(child) && (this.o.writing ? child.readOnly : child.writeOnly)),
    );
    const deep = !this.shallow(depth);
    for (const [name, child] of optional) {
      const count = Object.keys(out).length;
      if (count >= max || (!deep && count >= min)) break;
      const v = this.value(child, depth + 1);
      if (v !== NONE) out[name] = v;
    }
    // A map (no named properties), or too few properties for minProperties: keys of its own.
    const isMap =
      Object.keys(properties).length === 0 &&
      s.additionalProperties !== undefined &&
      s.additionalProperties !== false;
    const want = Math.min(max, Math.max(min, isMap && deep ? 1 : 0));
    for (let i = 0; Object.keys(out).length < want && i < want * 3; i++) {
      const entry = this.extraEntry(s, extraSchema, i, depth);
      if (!entry) return NONE;
      if (!(entry[0] in out)) out[entry[0]] = entry[1];
    }
    return Object.keys(out).length >= min ? out : NONE;
  }

  /** A key and value beyond the named properties: by `patternProperties`, else `additionalProperties`. */
  private extraEntry(s: Loose, extra: unknown, i: number, depth: number): [string, unknown] | undefined {
    const patterns = Object.entries(isSchema(s.patternProperties) ? s.patternProperties : {});
    if (patterns.length > 0) {
      const [pattern, schema] = patterns[i % patterns.length] as [string, unknown];
      const key = generateString({ pattern } as Schema, this.faker, this.o);
      const v = this.value(schema, depth + 1);
      return key === undefined || v === NONE ? undefined : [key, v];
    }
    if (s.additionalProperties === false) return undefined;
    const names = isSchema(s.propertyNames) ? s.propertyNames : { pattern: '^[a-z][a-z0-9_]{2,10}$' };
    const key = generateString(names as Schema, this.faker, this.o);
    const v = this.value(extra, depth + 1);
    return key === undefined || v === NONE ? undefined : [key, v];
  }

  private array(s: Schema & Loose, depth: number): unknown {
    const min = (s.minItems as number | undefined) ?? 0;
    const max = (s.maxItems as number | undefined) ?? Number.POSITIVE_INFINITY;
    if (min > max) return NONE;
    // 3.1's prefixItems, and the older tuple form (`items` as a list) with `additionalItems`.
    const prefix = (
      Array.isArray(s.prefixItems) ? s.prefixItems : Array.isArray(s.items) ? s.items : []
    ) as unknown[];
    const rest = Array.isArray(s.items) ? (s.additionalItems ?? {}) : (s.items ?? {});
    const wanted = this.shallow(depth) ? min : this.faker.number.int({ min: 1, max: 2 });
    const n = Math.min(max, Math.max(min, wanted, s.contains !== undefined ? 1 : 0));
    const out: unknown[] = [];
    const seen = new Set<string>();
    for (let i = 0, tries = 0; out.length < n && tries < n * 4 + 4; tries++) {
      const first = i === 0 && s.contains !== undefined;
      const v = this.value(
        first ? { allOf: [s.contains, prefix[0] ?? rest] } : (prefix[i] ?? rest),
        depth + 1,
      );
      if (v === NONE) {
        if (out.length >= min) break;
        continue;
      }
      if (s.uniqueItems === true) {
        const key = JSON.stringify(v);
        if (seen.has(key)) continue;
        seen.add(key);
      }
      out.push(v);
      i++;
    }
    return out.length >= min ? out : NONE;
  }
}

/** True when a JSON value is of a JSON Schema type. */
function isOfType(value: unknown, type: string): boolean {
  if (type === 'integer') return Number.isInteger(value);
  if (type === 'array') return Array.isArray(value);
  if (type === 'object') return typeof value === 'object' && value !== null && !Array.isArray(value);
  return typeof value === type;
}

/** The schema with only its required properties named: a value with no optional field. */
function requiredOnly(s: Schema): Schema {
  const loose = s as Schema & Loose;
  if (!isSchema(loose.properties) || !Array.isArray(loose.required)) return s;
  const required = new Set(loose.required as string[]);
  const properties = Object.fromEntries(
    Object.entries(loose.properties).filter(([name]) => required.has(name)),
  );
  return { ...s, properties } as Schema;
}

/**
 * The discriminator's value for the chosen branch, when the schema's `discriminator.mapping` lists
 * one entry per branch in the same order (as contracts write them); a branch whose property has an
 * enum or const gives its own value without this.
 */
function discriminatorValue(s: Loose, branches: Schema[], index: number): [string, string] | undefined {
  const d = s.discriminator as { propertyName?: string; mapping?: Record<string, string> } | undefined;
  if (!d?.propertyName || !d.mapping) return undefined;
  const keys = Object.keys(d.mapping);
  const branch = branches[index] as Loose | undefined;
  const own = (branch?.properties as Record<string, Loose> | undefined)?.[d.propertyName];
  if (own && (own.enum || 'const' in own)) return undefined;
  const key = keys.length === branches.length ? keys[index] : undefined;
  return key === undefined ? undefined : [d.propertyName, key];
}

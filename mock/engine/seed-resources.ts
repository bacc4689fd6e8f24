import type { Faker } from '@faker-js/faker';
import type { Logger } from 'pino';
import type { SchemaValidator } from '../openapi/schema-validator.ts';
import type { StoredRecord } from '../store/collection.ts';
import type { Snapshot } from '../store/store.ts';
import { sameText } from '../store/store.ts';
import { isoSeconds } from '../time.ts';
import { conformToSchema } from './conform-to-schema.ts';
import type { Resource } from './describe-resources.ts';
import { generateIdFor, idParamSchema } from './generate-id.ts';
import { type FakerHints, generateValue } from './generate-value.ts';
import { objectShape, type Schema } from './schema-shape.ts';

const DEFAULT_COUNT = 10;
const YEAR_MS = 365 * 86_400_000;

export interface SeedInput {
  seed: number;
  /** Midnight UTC of the seed day: generated times fall in the year before it. */
  endMs: number;
  counts: Record<string, number>;
  faker: Faker;
  hints: FakerHints;
  validator: SchemaValidator;
  logger: Logger;
  /** Each collection's id field, to point references at. */
  idFields?: Map<string, string>;
}

/**
 * Makes every collection's seed valid against the contract being served. Records a profile wrote
 * (`given`) are conformed to the schema, and dropped with a log line when they cannot be; every
 * other collection is generated from its schema. Ids, references and unique keys are made
 * consistent across collections. The same seed gives the same bytes.
 */
export function seedResources(resources: Resource[], given: Snapshot, input: SeedInput): Snapshot {
  const plan = planSeeds(resources, given, input);
  const snapshot: Snapshot = {};
  for (const name of plan.order) snapshot[name] = plan.seedOf(name);
  for (const [name, records] of Object.entries(given)) if (!snapshot[name]) snapshot[name] = records;
  return snapshot;
}

/** Each collection's seed, made on demand: what seedResources makes all at once. */
export interface SeedPlan {
  /** The collections, those that others reference first. */
  order: string[];
  /** True when the profile wrote the collection's records (cheap: only conformed). */
  given(name: string): boolean;
  /** The collection's seed, made once; the same records whichever collection is asked first. */
  seedOf(name: string): StoredRecord[];
}

/**
 * The seeds of every collection, each made when first asked for, so that a mock can seed a
 * collection on its first use. A collection's references point at the collections ordered before
 * it (seeding them first when needed), exactly as an eager seed in that order does: the bytes do
 * not depend on which collection a client touches first.
 */
export function planSeeds(resources: Resource[], given: Snapshot, input: SeedInput): SeedPlan {
  input.idFields = new Map(resources.map((r) => [r.name, r.idField]));
  const ordered = dependencyOrder(resources);
  const position = new Map(ordered.map((r, i) => [r.name, i]));
  const made = new Map<string, StoredRecord[]>();
  const seedOf = (name: string): StoredRecord[] => {
    const known = made.get(name);
    if (known) return known;
    const resource = ordered[position.get(name) ?? -1];
    if (!resource) return given[name] ?? [];
    const own = given[resource.name];
    // The collections this one may point at: those before it in the order, seeded first.
    const earlier = new Proxy({} as Snapshot, {
      get: (_, target: string) =>
        (position.get(target) ?? Number.POSITIVE_INFINITY) < (position.get(name) as number)
          ? seedOf(target)
          : undefined,
    });
    const records = own
      ? conformAll(resource, own, input)
      : generate(
          resource,
          earlier,
          input,
          input.counts[resource.name] ?? resource.seedCount ?? DEFAULT_COUNT,
        );
    made.set(name, records);
    return records;
  };
  return { order: ordered.map((r) => r.name), given: (name) => given[name] !== undefined, seedOf };
}

/** Large profile seeds (a million calls) are checked on a spread sample; all are conformed if any fails. */
const FULL_CHECK = 20_000;

function conformAll(resource: Resource, records: StoredRecord[], input: SeedInput): StoredRecord[] {
  const step = records.length > FULL_CHECK ? Math.ceil(records.length / FULL_CHECK) : 1;
  let clean = true;
  for (let i = 0; i < records.length && clean; i += step)
    clean = input.validator.validate(resource.record, records[i]).ok;
  if (clean) return records;
  const out: StoredRecord[] = [];
  const seen = uniqueTracker(resource);
  let dropped = 0;
  for (const record of records) {
    const fixed = conformToSchema(record, resource.record, input.validator) as StoredRecord | undefined;
    if (fixed && seen(fixed)) out.push(Object.isFrozen(record) ? Object.freeze(fixed) : fixed);
    else dropped++;
  }
  if (dropped > 0)
    input.logger.warn(
      `${dropped} seeded ${resource.name} record(s) break the contract's limits and were left out`,
    );
  return out;
}

function generate(resource: Resource, done: Snapshot, input: SeedInput, count: number): StoredRecord[] {
  const records: StoredRecord[] = [];
  const seen = uniqueTracker(resource);
  const base = hash(`${input.seed}:${resource.name}`);
  for (let i = 0, tries = 0; records.length < count && tries < count * 3; tries++, i++) {
    const options = {
      seed: (base + i * 7919) >>> 0,
      faker: input.faker,
      hints: input.hints,
      from: input.endMs - YEAR_MS,
      to: input.endMs,
      check: (schema: Schema, value: unknown) => input.validator.validate(schema, value).ok,
    };
    let record = withFixedFields(
      resource,
      generateValue(resource.record, options),
      records.length,
      done,
      input,
    );
    let valid = conformToSchema(record, resource.record, input.validator) as StoredRecord | undefined;
    if (!valid) {
      record = withFixedFields(
        resource,
        generateValue(resource.record, { ...options, useHints: false }),
        records.length,
        done,
        input,
      );
      valid = conformToSchema(record, resource.record, input.validator) as StoredRecord | undefined;
    }
    if (valid && seen(valid)) records.push(valid);
  }
  if (records.length < count)
    input.logger.warn(
      `seeded ${records.length} of ${count} ${resource.name} records: the schema refused the rest`,
    );
  return records;
}

/** Ids by kind, references to seeded records, a creation time in the seeded year. */
function withFixedFields(
  resource: Resource,
  value: unknown,
  index: number,
  done: Snapshot,
  input: SeedInput,
): StoredRecord {
  const record = (typeof value === 'object' && value !== null ? value : {}) as StoredRecord;
  input.faker.seed(hash(`${input.seed}:${resource.name}:${index}`));
  const id = generateIdFor(idSchemas(resource), input.faker, { index, name: resource.name });
  if (id !== undefined) record[resource.idField] = id;
  const parent = resource.parent?.collection
    ? [{ field: resource.parent.field, collection: resource.parent.collection }]
    : [];
  for (const ref of [...resource.references, ...parent]) {
    const targets = done[ref.collection];
    if (!targets?.length) continue;
    const target = targets[index % targets.length] as StoredRecord;
    record[ref.field] = target[input.idFields?.get(ref.collection) ?? 'id'];
  }
  const created = resource.sort?.field;
  if (created && /creat/i.test(created) && typeof record[created] === 'string')
    record[created] = isoSeconds(input.endMs - YEAR_MS + ((index * 86_400_000 * 7) % YEAR_MS));
  return record;
}

/**
 * The schemas a seeded id must meet: the record's id field and the item path's own parameter
 * (`/pets/{petId}`), so that every id a list shows is one its item path accepts.
 */
function idSchemas(resource: Resource): (Schema | undefined)[] {
  const field = objectShape(resource.record).properties[resource.idField];
  const op =
    resource.operations.read ??
    resource.operations.update ??
    resource.operations.replace ??
    resource.operations.remove;
  const param = op?.parameters.find((p) => p.in === 'path' && p.name === resource.idParam);
  const fallback: Schema | undefined =
    resource.idKind === 'integer'
      ? { type: 'integer' }
      : resource.idKind === 'uuid'
        ? { type: 'string', format: 'uuid' }
        : undefined;
  return [field ?? fallback, idParamSchema(field, param?.schema as Schema | undefined)];
}

/** Answers false for a record whose id or unique key an earlier record already has. */
function uniqueTracker(resource: Resource): (record: StoredRecord) => boolean {
  const keys = new Set<string>();
  return (record) => {
    const mine = [`id:${String(record[resource.idField])}`];
    for (const rule of resource.unique) {
      const values = rule.fields.map((f) => record[f]);
      if (values.some((v) => v === undefined || v === null)) continue;
      mine.push(
        `${rule.fields.join('+')}:${JSON.stringify(rule.compare === 'text' ? values.map(sameText) : values)}`,
      );
    }
    if (mine.some((k) => keys.has(k))) return false;
    for (const k of mine) keys.add(k);
    return true;
  };
}

function dependencyOrder(resources: Resource[]): Resource[] {
  const byName = new Map(resources.map((r) => [r.name, r]));
  const ordered: Resource[] = [];
  const visit = (r: Resource, path: Set<string>) => {
    if (ordered.includes(r) || path.has(r.name)) return;
    path.add(r.name);
    const parent = r.parent?.collection ? [r.parent.collection] : [];
    for (const name of [...r.references.map((ref) => ref.collection), ...parent]) {
      const target = byName.get(name);
      if (target) visit(target, path);
    }
    ordered.push(r);
  };
  for (const r of resources) visit(r, new Set());
  return ordered;
}

/** FNV-1a: a stable 32-bit number for a text. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

import type { Faker } from '@faker-js/faker';
import type { Schema } from './schema-shape.ts';

/**
 * What a fresh id is made from. The values come from the generation's `generateIdFor`
 * (generate-id.ts); this file adds what a create needs beyond the seed: an id no record has yet,
 * and the record's own schema alone where the item path's leaves no free id.
 */
export interface IdMaking {
  /** The schemas the id must satisfy: the record's id field, then the item path's parameter. */
  schemas: Schema[];
  kind: 'uuid' | 'integer' | 'string';
  /** The largest integer id in the collection (integer ids count on from it). */
  largest(): number;
  /** Whether a record already has this id. */
  taken(id: string | number): boolean;
  isValid(schema: Schema, value: unknown): boolean;
  /** An id generated for all these schemas (patterns, formats, lengths honoured), or undefined. */
  generate(schemas: Schema[]): unknown;
  faker: Faker;
}

const TRIES = 20;

/**
 * A new record's id that its schemas accept and no record has: integers count on from the largest
 * (within `minimum`/`maximum`), `format: uuid` and plain strings are seeded UUIDs, and ids with a
 * pattern (`^m_[a-z0-9]{8}$`, a snowflake `^(0|[1-9][0-9]*)$`), a format or a length the UUID does
 * not fit are generated from the schema, a bounded number of tries each. Undefined when none fits:
 * the caller refuses the write rather than store a record its contract breaks.
 */
export function newId(making: IdMaking): string | number | undefined {
  // Every schema first; else the record's own (the first), which its answers are checked against:
  // a path parameter capped at `maximum: 10` with ten records taken still leaves a storable record.
  return (
    idFitting(making, making.schemas) ??
    (making.schemas.length > 1 ? idFitting(making, making.schemas.slice(0, 1)) : undefined)
  );
}

function idFitting(making: IdMaking, schemas: Schema[]): string | number | undefined {
  const fits = (id: unknown): id is string | number =>
    (typeof id === 'string' || typeof id === 'number') &&
    !making.taken(id) &&
    schemas.every((schema) => making.isValid(schema, id));
  if (making.kind === 'integer') {
    const floor = Math.max(...schemas.map((s) => s.minimum ?? 1), 1);
    const next = Math.max(making.largest() + 1, floor);
    if (fits(next)) return next;
  } else {
    const uuid = seededUuid(making.faker);
    if (fits(uuid)) return uuid;
  }
  for (let i = 0; i < TRIES; i++) {
    const id = making.generate(schemas);
    if (fits(id)) return id;
    // A numeric id in a string schema (`pattern: ^[0-9]+$`) may come back as a number.
    if (typeof id === 'number' && fits(String(id))) return String(id);
  }
  return undefined;
}

/**
 * A version 4 UUID from four 32-bit draws of the run's faker: the same seed gives the same ids.
 * faker's own `string.uuid()` draws once per hex digit (31 draws), a tenth of a create's time.
 */
export function seededUuid(faker: Faker): string {
  const draw = () => faker.number.int({ min: 0, max: 0xffffffff });
  const a = draw();
  const b = ((draw() & 0xffff0fff) | 0x00004000) >>> 0; // version 4
  const c = ((draw() & 0x3fffffff) | 0x80000000) >>> 0; // variant 10xx
  const d = draw();
  const hex = [a, b, c, d].map((n) => n.toString(16).padStart(8, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

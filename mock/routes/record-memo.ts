import type { SchemaError, SchemaValidator } from '../openapi/schema-validator.ts';

/**
 * Work done once per stored record rather than once per answer. The store's records are values: a
 * change replaces a record with a new object and never edits one in place (Collection freezes what
 * it is given). So a record's JSON bytes, and the fact that it matches its schema, hold for as long
 * as the object lives, and every page that lists it can reuse them. Stringifying and checking the
 * twenty records of a page were the largest costs of a list read after Node's own HTTP (profiled).
 */
export class RecordMemo {
  private readonly texts = new WeakMap<object, Buffer>();
  private readonly valid = new WeakMap<object, WeakSet<object>>();
  private readonly lists = new WeakMap<object, ListSchema | null>();
  /** The bytes of frozen bodies: a list's page kept per query (ListMemo) is answered many times. */
  private readonly pages = new WeakMap<object, Buffer>();
  /** Frozen bodies that passed a schema, by schema. */
  private readonly passed = new WeakMap<object, WeakSet<object>>();

  constructor(private readonly validator: SchemaValidator) {}

  /**
   * The JSON of a reply body as UTF-8 bytes, the bytes JSON.stringify would give; made once for a
   * frozen body.
   */
  json(body: unknown): Buffer {
    if (typeof body === 'object' && body !== null && Object.isFrozen(body)) {
      if (!isList(body)) return this.bytes(body);
      let bytes = this.pages.get(body);
      if (bytes === undefined) {
        bytes = this.render(body);
        this.pages.set(body, bytes);
      }
      return bytes;
    }
    return this.render(body);
  }

  private render(body: unknown): Buffer {
    if (!isList(body)) return Buffer.from(JSON.stringify(body));
    const { items, ...envelope } = body;
    const rest = JSON.stringify(envelope);
    const parts: Buffer[] = [LIST_START];
    items.forEach((item, i) => {
      if (i > 0) parts.push(COMMA);
      parts.push(this.bytes(item));
    });
    parts.push(Buffer.from(rest === '{}' ? ']}' : `],${rest.slice(1)}`));
    return Buffer.concat(parts);
  }

  /**
   * Checks a body against its schema; a list's records are checked once each, its envelope always,
   * and a frozen body (a value, never edited) once per schema.
   */
  check(schema: object, body: unknown): SchemaError[] {
    if (typeof body !== 'object' || body === null || !Object.isFrozen(body)) return this.judge(schema, body);
    let passed = this.passed.get(schema);
    if (passed?.has(body)) return [];
    const errors = this.judge(schema, body);
    if (errors.length === 0) {
      if (!passed) {
        passed = new WeakSet();
        this.passed.set(schema, passed);
      }
      passed.add(body);
    }
    return errors;
  }

  /**
   * Notes that `body` meets `schema`, found by the caller with a validator at least as strict as
   * this memo's (the engine's write, which validates a record before storing it): once the record
   * is frozen (stored in memory), an answer that is it is not checked again. A body edited later
   * is a new object in the store, and is judged as any other.
   */
  vouch(schema: object, body: object): void {
    let passed = this.passed.get(schema);
    if (!passed) {
      passed = new WeakSet();
      this.passed.set(schema, passed);
    }
    passed.add(body);
  }

  private judge(schema: object, body: unknown): SchemaError[] {
    const list = isList(body) ? this.listSchema(schema) : null;
    if (!list) return errorsOf(this.validator.validate(schema, body));
    const page = body as { items: unknown[] };
    const errors = errorsOf(this.validator.validate(list.envelope, body));
    const checked = this.valid.get(list.item) ?? new WeakSet<object>();
    this.valid.set(list.item, checked);
    page.items.forEach((item, i) => {
      if (typeof item === 'object' && item !== null && checked.has(item)) return;
      const found = errorsOf(this.validator.validate(list.item, item));
      if (found.length === 0 && typeof item === 'object' && item !== null) checked.add(item);
      for (const e of found)
        errors.push({ ...e, pointer: `/items/${i}${e.pointer === '/' ? '' : e.pointer}` });
    });
    return errors;
  }

  private bytes(item: unknown): Buffer {
    if (typeof item !== 'object' || item === null) return Buffer.from(JSON.stringify(item));
    let bytes = this.texts.get(item);
    if (bytes === undefined) {
      bytes = Buffer.from(JSON.stringify(item));
      this.texts.set(item, bytes);
    }
    return bytes;
  }

  /** The schema split in two, once per schema: the envelope with any items, and the item schema. */
  private listSchema(schema: object): ListSchema | null {
    let split = this.lists.get(schema);
    if (split === undefined) {
      split = splitList(schema as Schema);
      this.lists.set(schema, split);
    }
    return split;
  }
}

const LIST_START = Buffer.from('{"items":[');
const COMMA = Buffer.from(',');

interface ListSchema {
  envelope: object;
  item: object;
}

type Schema = { properties?: Record<string, Schema>; allOf?: Schema[]; items?: Schema; type?: string };

/** A body shaped like the contract's pages: `items` first, an array. */
function isList(body: unknown): body is { items: unknown[] } & Record<string, unknown> {
  if (typeof body !== 'object' || body === null || !Array.isArray((body as { items?: unknown }).items))
    return false;
  for (const key in body) return key === 'items';
  return false;
}

/**
 * Finds `properties.items: { type: array, items: X }` in a schema or one of its allOf members and
 * answers X with a copy of the schema where the array's items may be anything. Null when the
 * schema does not declare its items that way (the body is then checked whole).
 */
export function splitList(schema: Schema): ListSchema | null {
  const members = [schema, ...(schema.allOf ?? [])];
  const index = members.findIndex((m) => m.properties?.items?.type === 'array' && m.properties.items.items);
  if (index === -1) return null;
  const holder = members[index] as Schema & { properties: { items: Schema & { items: Schema } } };
  const item = holder.properties.items.items;
  const loosened = {
    ...holder,
    properties: { ...holder.properties, items: { ...holder.properties.items, items: {} } },
  };
  const envelope =
    index === 0
      ? loosened
      : { ...schema, allOf: members.slice(1).map((m, i) => (i + 1 === index ? loosened : m)) };
  return { envelope, item };
}

function errorsOf(result: ReturnType<SchemaValidator['validate']>): SchemaError[] {
  return result.ok ? [] : [...result.errors];
}

import type { SpecOperation } from '../openapi/operations.ts';
import {
  isArraySchema,
  isObjectSchema,
  objectShape,
  type Schema,
  successResponse,
  typeOf,
} from './schema-shape.ts';

// How an operation's answer carries a collection's record: as itself, wrapped in an envelope's
// field, extended, as another view of it, or as a receipt of its id. Read from the schemas alone.

/** How an operation's answer carries a record: as itself, inside a wrapper object's field, or not at all. */
export type Shape =
  | { kind: 'record' }
  /** `{ data: Record }`; `inner` when the field's schema is another view of the record. */
  | { kind: 'wrap'; field: string; schema: Schema; inner?: Schema }
  /** Another view of the record (`DomainDetail` beside `Domain`): its required rest generated. */
  | { kind: 'view'; schema: Schema }
  /** A create's receipt holding the new id under a name of its own (`{ silenceID }`). */
  | { kind: 'receipt'; field: string; schema: Schema }
  /** `allOf: [Record, { links }]`: the record's fields and more. */
  | { kind: 'extend'; schema: Schema }
  /** A bulk create's answer: the records it made, as a list. */
  | { kind: 'records' }
  | { kind: 'none' };

/** How an operation's success answer carries a record, or undefined when it holds something else. */
export function shapeOf(op: SpecOperation, record: Schema): Shape | undefined {
  const answer = successResponse(op.operation);
  // A 204 carries no body whatever content the document shows (Jira's deletes document
  // `application/json` on theirs): read as a body, it left the delete out of the collection, which
  // then kept every record it was asked to remove.
  if (!answer.hasBody || answer.status === 204 || answer.status === 205) return { kind: 'none' };
  if (answer.schema && sameShape(answer.schema, record)) return { kind: 'record' };
  const wrapper = wrapperOf(answer.schema, record);
  // The answer a view of the record itself beats one of its fields being a view: GitHub's
  // `gist-simple` (a view of the listed gist) holds `fork_of`, a gist too, which read as the
  // wrapped record answered each create with the new gist's id and kept it under another.
  if (wrapper?.kind === 'wrap' && wrapper.inner && viewOf(answer.schema, record))
    return { kind: 'view', schema: answer.schema as Schema };
  return (
    wrapper ??
    (answer.schema && viewOf(answer.schema, record) ? { kind: 'view', schema: answer.schema } : undefined)
  );
}

/**
 * Another view of the same record: an object schema whose id-like and required fields the record
 * has (a detail view `DomainDetail` beside a list's `Domain`, a create answer `{ id, name }`).
 */
export function viewOf(schema: Schema | undefined, record: Schema): boolean {
  if (!schema || !isObjectSchema(schema)) return false;
  const mine = objectShape(schema);
  const theirs = objectShape(record).properties;
  const names = Object.keys(mine.properties);
  if (names.length === 0) return false;
  const shared = names.filter((n) => theirs[n] && typeOf(theirs[n]) === typeOf(mine.properties[n]));
  const idLike = shared.some((n) => ID_NAME.test(n));
  return (
    idLike &&
    shared.length * 2 >= names.length &&
    [...mine.required].every((n) => theirs[n] || !ID_NAME.test(n))
  );
}

/** Field names that hold a record's id. */
export const ID_NAME = /^(id|uuid|key|_id|[a-z]\w*_id|[a-z]\w*Id|[a-z]\w*ID)$/;

/** A create's receipt: an object holding an id-like field (`{ silenceID }`, `{ data: { id } }` aside). */
export function receiptOf(schema: Schema, record: Schema): Shape | undefined {
  if (!isObjectSchema(schema)) return undefined;
  const { properties } = objectShape(schema);
  const idType = (name: string) => typeOf(properties[name]);
  const field = Object.keys(properties).find(
    (n) => ID_NAME.test(n) && ['string', 'integer', 'number'].includes(idType(n) ?? ''),
  );
  return field && isObjectSchema(record) ? { kind: 'receipt', field, schema } : undefined;
}

/** An array of the record (a bulk create's answer). */
export function listOf(schema: Schema | undefined, record: Schema): boolean {
  const items = isArraySchema(schema) ? (schema as { items?: Schema }).items : undefined;
  return items !== undefined && sameShape(items, record);
}

/** The same schema object (one `$ref`), or an equal copy of it written inline. */
export function sameShape(a: Schema, b: Schema): boolean {
  if (a === b) return true;
  const text = textOf(a);
  return text !== undefined && text === textOf(b);
}

// Each schema's text, once: finding GitHub's collections compares its large record schemas with
// every answer of their paths (0.25 s of a start, profiled, when each compare wrote both again).
const texts = new WeakMap<object, string | undefined>();

/** A schema as JSON; undefined for a cyclic one (only the same object is the same schema). */
function textOf(schema: Schema): string | undefined {
  if (typeof schema !== 'object' || schema === null) return JSON.stringify(schema);
  if (texts.has(schema)) return texts.get(schema);
  let text: string | undefined;
  try {
    text = JSON.stringify(schema);
  } catch {
    text = undefined;
  }
  texts.set(schema, text);
  return text;
}

/** `{ data: Record, … }`: an object whose one field holds the record; or the record extended. */
export function wrapperOf(schema: Schema | undefined, record: Schema): Shape | undefined {
  if (!schema || !isObjectSchema(schema)) return undefined;
  if ((schema.allOf as Schema[] | undefined)?.some((part) => sameShape(part, record)))
    return { kind: 'extend', schema };
  const fields = Object.entries(objectShape(schema).properties);
  const field = fields.find(([, s]) => sameShape(s, record))?.[0];
  if (field) return { kind: 'wrap', field, schema };
  // `{ domain: DomainDetail }`, `{ data: { id, … }, status_code }`: one field holds a view of it.
  const view = fields.find(([, s]) => viewOf(s, record));
  return view ? { kind: 'wrap', field: view[0], schema, inner: view[1] } : undefined;
}

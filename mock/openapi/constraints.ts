import type { FieldError } from '../http/problem.ts';
import type { SpecOperation } from './operations.ts';

/**
 * The operation-level `x-constraints` extension: rules that relate fields of one request, which a
 * JSON Schema of one parameter cannot say. Each field is written `<in>.<name>`: `query.from`,
 * `path.id`, `body.topicId` (a top-level property of the JSON body).
 *
 * - `before`: when both fields are given, the first is strictly earlier (instants, dates or numbers).
 * - `atMostOne`: at most one of the fields is given.
 * - `exists`: when the field is given, a record of `collection` has that id (stateful: only a
 *   backend can judge it; a generator leaves the field out or takes an id it has seen).
 *
 * The mock refuses a request that breaks one with a 400 `validation_failed` listing the fields; the
 * contract runner makes its valid requests keep them and sends one request breaking each.
 */
export type Constraint =
  | { rule: 'before'; fields: [string, string] }
  | { rule: 'atMostOne'; fields: string[] }
  | { rule: 'exists'; field: string; collection: string; message?: string };

export interface FieldAddress {
  in: 'query' | 'path' | 'body';
  name: string;
}

/** The values of one request, by where they are: parameters by name, the body as parsed. */
export interface RequestValues {
  path: Record<string, unknown>;
  query: Record<string, unknown>;
  body: unknown;
}

/** `query.from` as `{ in: 'query', name: 'from' }`; throws on anything else (a contract typo). */
export function fieldAddress(text: string, operationId = 'an operation'): FieldAddress {
  const match = /^(query|path|body)\.(.+)$/.exec(text);
  if (!match)
    throw new Error(`${operationId}: x-constraints field "${text}" is not query.*, path.* or body.*`);
  return { in: match[1] as FieldAddress['in'], name: match[2] as string };
}

/** The operation's `x-constraints`, checked for shape so that a typo fails at start, not silently. */
export function readConstraints(op: SpecOperation): Constraint[] {
  const declared = (op.operation as Record<string, unknown>)['x-constraints'];
  if (declared === undefined) return [];
  if (!Array.isArray(declared)) throw new Error(`${op.operationId}: x-constraints must be a list`);
  return declared.map((c: Constraint) => {
    const fields = c.rule === 'exists' ? [c.field] : c.fields;
    const arity = c.rule === 'before' ? fields?.length === 2 : (fields?.length ?? 0) >= 1;
    if (!['before', 'atMostOne', 'exists'].includes(c.rule) || !Array.isArray(fields) || !arity)
      throw new Error(`${op.operationId}: x-constraints rule ${JSON.stringify(c)} is not understood`);
    if (c.rule === 'exists' && !c.collection)
      throw new Error(`${op.operationId}: x-constraints exists on ${c.field} names no collection`);
    for (const field of fields) fieldAddress(field, op.operationId);
    return c;
  });
}

/** The value of one addressed field in a request, undefined when it is not given. */
export function valueAt(values: RequestValues, field: FieldAddress): unknown {
  if (field.in !== 'body') return values[field.in][field.name];
  const body = values.body;
  return body && typeof body === 'object' ? (body as Record<string, unknown>)[field.name] : undefined;
}

/** True when `a` is strictly earlier than `b`: numbers as numbers, other values as instants. */
export function isBefore(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && typeof b === 'number') return a < b;
  const [x, y] = [Date.parse(String(a)), Date.parse(String(b))];
  return Number.isNaN(x) || Number.isNaN(y) ? String(a) < String(b) : x < y;
}

/** Answers whether a record of a collection has an id; undefined when it cannot tell. */
export type ExistsLookup = (collection: string, id: string) => boolean | undefined;

/**
 * Every constraint the request breaks, as the field errors of a 400: `before` names the second
 * field, `atMostOne` every field given, `exists` the unknown reference (`not_found`).
 */
export function constraintErrors(
  constraints: Constraint[],
  values: RequestValues,
  exists?: ExistsLookup,
): FieldError[] {
  const errors: FieldError[] = [];
  const error = (field: FieldAddress, code: string, message: string): FieldError => ({
    in: field.in,
    field: field.in === 'body' ? `/${field.name}` : field.name,
    code,
    message,
  });
  for (const c of constraints) {
    if (c.rule === 'before') {
      const [first, second] = c.fields.map((f) => fieldAddress(f)) as [FieldAddress, FieldAddress];
      const [a, b] = [valueAt(values, first), valueAt(values, second)];
      if (a !== undefined && b !== undefined && !isBefore(a, b))
        errors.push(error(second, 'before', `must be later than ${first.name}`));
    } else if (c.rule === 'atMostOne') {
      const given = c.fields.map((f) => fieldAddress(f)).filter((f) => valueAt(values, f) !== undefined);
      const names = c.fields.map((f) => fieldAddress(f).name);
      if (given.length > 1)
        for (const field of given)
          errors.push(error(field, 'atMostOne', `give only one of ${names.join(', ')}`));
    } else {
      const field = fieldAddress(c.field);
      const value = valueAt(values, field);
      if (value === undefined || value === null || !exists) continue;
      if (exists(c.collection, String(value)) === false)
        errors.push(error(field, 'not_found', c.message ?? `no record of ${c.collection} has this id`));
    }
  }
  return errors;
}

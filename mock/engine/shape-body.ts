import type { StoredRecord } from '../store/collection.ts';
import type { Shape } from './record-shapes.ts';
import { objectShape, type Schema, typeOf } from './schema-shape.ts';

/**
 * The answer body that carries a record in a shape: itself, in a wrapper's field, extended, as
 * another view of it (its other required fields generated, only its fields where it allows no
 * more), or as a receipt of its id. `skeleton` makes the generated rest of a schema, once.
 */
export function shapeBody(
  shape: Shape,
  record: StoredRecord,
  idField: string,
  skeleton: (schema: Schema) => Record<string, unknown>,
): unknown {
  const view = (schema: Schema) => {
    const { properties, additional } = objectShape(schema);
    const kept = additional
      ? record
      : Object.fromEntries(Object.entries(record).filter(([name]) => name in properties));
    const id = idAs(properties[idField], record[idField]);
    return { ...skeleton(schema), ...kept, ...(idField in kept ? { [idField]: id } : {}) };
  };
  switch (shape.kind) {
    case 'none':
      return undefined;
    case 'records':
      return [record];
    case 'wrap':
      return { ...skeleton(shape.schema), [shape.field]: shape.inner ? view(shape.inner) : record };
    case 'extend':
      return { ...skeleton(shape.schema), ...record };
    case 'view':
      return view(shape.schema);
    case 'receipt':
      return {
        ...skeleton(shape.schema),
        [shape.field]: idAs(objectShape(shape.schema).properties[shape.field], record[idField]),
      };
    default:
      return record;
  }
}

/**
 * The record's id as an answer's schema types it: Jira answers a scheme's integer id as a string
 * (`{ "id": "10001" }`) and a project's string id as an integer; the same id either way.
 */
function idAs(schema: Schema | undefined, id: unknown): unknown {
  const type = typeOf(schema);
  if (type === 'string' && typeof id === 'number') return String(id);
  if ((type === 'integer' || type === 'number') && typeof id === 'string' && /^-?\d+$/.test(id))
    return Number(id);
  return id;
}

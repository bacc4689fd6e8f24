import { isObjectSchema, objectShape, type Schema, typeOf } from './schema-shape.ts';

/** What an action sets on its record: a field (a path into nested objects) and its new value. */
export interface ActionChange {
  field: string[];
  value: unknown;
}

/**
 * What an action's verb sets, read from the record schema: an enum value the verb names
 * (`expire` -> `expired` in `status` or `status.state`, `cancel` -> `cancelled`), else a boolean
 * field it names (`archive` -> `archived: true`). Undefined when the schema says nothing of it:
 * `x-mock: { sets: { field: value } }` on the action states it then.
 */
export function inferredChange(verb: string, record: Schema): ActionChange | undefined {
  const stem = verb.toLowerCase().replace(/e$/, '');
  const negated = /^un/.test(stem);
  const base = negated ? stem.slice(2) : stem;
  for (const [field, schema] of fieldsOf(record, [], 0)) {
    const values = Array.isArray(schema.enum) ? schema.enum : [];
    const named = values.find((v) => typeof v === 'string' && v.toLowerCase().startsWith(stem));
    if (named !== undefined && /^(status|state|phase|stage)$/i.test(field.at(-1) ?? ''))
      return { field, value: named };
    const last = (field.at(-1) ?? '').toLowerCase();
    if (
      typeOf(schema) === 'boolean' &&
      (last === `${base}ed` || last === `${base}d` || last === `is_${base}ed`)
    )
      return { field, value: !negated };
  }
  return undefined;
}

/** The record's fields, and those of its object fields, one level down. */
function fieldsOf(schema: Schema, prefix: string[], depth: number): [string[], Schema][] {
  const fields: [string[], Schema][] = [];
  for (const [name, child] of Object.entries(objectShape(schema).properties)) {
    fields.push([[...prefix, name], child]);
    if (depth < 1 && isObjectSchema(child)) fields.push(...fieldsOf(child, [...prefix, name], depth + 1));
  }
  return fields;
}

/** The record with the change made, a copy. */
export function applyChange(record: Record<string, unknown>, change: ActionChange): Record<string, unknown> {
  const copy = structuredClone(record);
  let node: Record<string, unknown> = copy;
  for (const name of change.field.slice(0, -1)) {
    if (typeof node[name] !== 'object' || node[name] === null) node[name] = {};
    node = node[name] as Record<string, unknown>;
  }
  node[change.field.at(-1) as string] = change.value;
  return copy;
}

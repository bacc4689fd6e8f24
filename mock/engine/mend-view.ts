import { objectShape, type Schema } from './schema-shape.ts';

/**
 * A view of a record (another schema of the same record, GitHub's `projects-v2-item-simple`
 * answering a create whose list shows `projects-v2-item`) with the fields the view cannot take
 * replaced by its generated value's: the record's `content` is a free object where the view wants
 * one of an issue, a pull request or a draft. Undefined when the view still breaks. Read only when
 * the view as built broke its schema, so the answers that already keep it cost nothing more.
 */
export function mendView(
  body: Record<string, unknown>,
  schema: Schema,
  generated: Record<string, unknown>,
  isValid: (schema: Schema, value: unknown) => boolean,
): Record<string, unknown> | undefined {
  const mended = { ...body };
  for (const [name, property] of Object.entries(objectShape(schema).properties)) {
    if (mended[name] === undefined || isValid(property, mended[name])) continue;
    if (generated[name] === undefined) delete mended[name];
    else mended[name] = generated[name];
  }
  return isValid(schema, mended) ? mended : undefined;
}

import type { SchemaValidator } from '../openapi/schema-validator.ts';
import type { Schema } from './schema-shape.ts';

/** Validations one prune may spend: it runs only on values that failed, but seeds may hold many. */
const BUDGET = 24;

/**
 * Leaves out the parts of a value its schema refuses, where leaving them out is what the schema
 * wants: for each error, the deepest field or item on its path whose removal lowers the count of
 * errors goes. An optional field no value can meet (Jira's `where` clause: an `anyOf` of objects
 * under `additionalProperties: false`, which JSON Schema reads as "no property at all") is thus
 * left out, as a server would leave it. Answers the value when it then validates, else undefined.
 */
export function pruneInvalid(value: unknown, schema: Schema, validator: SchemaValidator): unknown {
  let current = value;
  let spent = 0;
  let result = validator.validate(schema, current);
  while (!result.ok && spent < BUDGET) {
    const errors = result.errors.length;
    let improved = false;
    for (const error of result.errors) {
      const path = error.pointer.split('/').slice(1).map(unescapeSegment);
      // A missing required field is pointed at by its name: it is not there to remove.
      if (error.keyword === 'required') path.pop();
      for (let end = path.length; end > 0 && spent < BUDGET; end--) {
        const candidate = without(current, path.slice(0, end));
        if (candidate === undefined) continue;
        spent++;
        const next = validator.validate(schema, candidate);
        if (next.ok || next.errors.length < errors) {
          current = candidate;
          result = next;
          improved = true;
          break;
        }
      }
      if (improved || spent >= BUDGET) break;
    }
    if (!improved) break;
  }
  return result.ok ? current : undefined;
}

/** A copy of the value without the field or item at the path; undefined where there is none. */
function without(value: unknown, path: string[]): unknown {
  if (path.length === 0 || typeof value !== 'object' || value === null) return undefined;
  const [head, ...rest] = path as [string, ...string[]];
  if (Array.isArray(value)) {
    const index = Number(head);
    if (!Number.isInteger(index) || index < 0 || index >= value.length) return undefined;
    const copy = [...value];
    if (rest.length === 0) copy.splice(index, 1);
    else {
      const inner = without(copy[index], rest);
      if (inner === undefined) return undefined;
      copy[index] = inner;
    }
    return copy;
  }
  const record = value as Record<string, unknown>;
  if (!(head in record)) return undefined;
  const copy = { ...record };
  if (rest.length === 0) delete copy[head];
  else {
    const inner = without(copy[head], rest);
    if (inner === undefined) return undefined;
    copy[head] = inner;
  }
  return copy;
}

const unescapeSegment = (segment: string) => segment.replace(/~1/g, '/').replace(/~0/g, '~');

import type { ErrorObject } from 'ajv';

/** One reason a value does not match its schema, located by a JSON Pointer. */
export interface SchemaError {
  pointer: string;
  keyword: string;
  message: string;
}

export type SchemaResult = { ok: true } | { ok: false; errors: SchemaError[] };

/** An Ajv error as the mock reports it: located by a JSON Pointer, in the contract's words. */
export function toSchemaError(e: ErrorObject): SchemaError {
  let pointer = e.instancePath;
  // A missing or unknown property is reported on its parent; point at the property itself.
  if (e.keyword === 'required') pointer += `/${(e.params as { missingProperty: string }).missingProperty}`;
  if (e.keyword === 'additionalProperties')
    pointer += `/${(e.params as { additionalProperty: string }).additionalProperty}`;
  let message = e.message ?? 'is not valid';
  if (e.keyword === 'enum')
    message = `must be one of: ${(e.params as { allowedValues: unknown[] }).allowedValues.join(', ')}`;
  if (e.keyword === 'additionalProperties') message = 'is not a known field';
  return { pointer: pointer || '/', keyword: e.keyword, message };
}

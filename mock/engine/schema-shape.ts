import type { OpenAPIV3 } from 'openapi-types';

export type Schema = OpenAPIV3.SchemaObject;

/**
 * The properties and required names of an object schema, with `allOf` parts merged in order: the
 * shape a record or an envelope has, however the contract composed it.
 */
export function objectShape(schema: Schema | undefined): {
  properties: Record<string, Schema>;
  required: Set<string>;
  additional: boolean;
} {
  const properties: Record<string, Schema> = {};
  const required = new Set<string>();
  let additional = true;
  const visit = (s: Schema | undefined, depth: number) => {
    if (!s || depth > 8) return;
    for (const part of (s.allOf ?? []) as Schema[]) visit(part, depth + 1);
    for (const [name, child] of Object.entries(s.properties ?? {}))
      properties[name] = bothOf(properties[name], child as Schema);
    for (const name of s.required ?? []) required.add(name);
    if (s.additionalProperties === false) additional = false;
  };
  visit(schema, 0);
  return { properties, required, additional };
}

/**
 * A property two parts of an `allOf` both name must meet both (Linode's backups: `type` an enum in
 * the record, a plain string in the list's `allOf` beside it): the last part alone would let a
 * generated value break the first. Who owns the field (`readOnly`, `writeOnly`) is said on the
 * whole, since the record's builder reads it there.
 */
function bothOf(first: Schema | undefined, second: Schema): Schema {
  if (first === undefined || first === second) return second;
  const owner = (key: 'readOnly' | 'writeOnly') => (first[key] || second[key] ? { [key]: true } : {});
  return { allOf: [first, second], ...owner('readOnly'), ...owner('writeOnly') } as Schema;
}

/** True for a schema that describes an array (OpenAPI 3.0 `type: array` or 3.1 `type: [array, …]`). */
export function isArraySchema(schema: Schema | undefined): boolean {
  const type = (schema as { type?: unknown } | undefined)?.type;
  return type === 'array' || (Array.isArray(type) && type.includes('array'));
}

/** True for an object schema (or one with properties and no type, as many real specs write it). */
export function isObjectSchema(schema: Schema | undefined): boolean {
  if (!schema) return false;
  const type = (schema as { type?: unknown }).type;
  if (type === 'object' || (Array.isArray(type) && type.includes('object'))) return true;
  return type === undefined && (schema.properties !== undefined || schema.allOf !== undefined);
}

/** The first type named by a schema (`integer` of `[integer, 'null']`). */
export function typeOf(schema: Schema | undefined): string | undefined {
  const type = (schema as { type?: unknown } | undefined)?.type;
  if (Array.isArray(type)) return type.find((t) => t !== 'null') as string | undefined;
  return type as string | undefined;
}

/**
 * True when the schema admits null (3.0 `nullable` or 3.1 `type: [..., 'null']`). OpenAPI 3.0.3
 * reads `nullable` only beside a `type` in the same object: Stripe's `{ anyOf: [...], nullable }`
 * admits null to some readers and not to others, so the mock makes no null there.
 */
export function isNullable(schema: Schema | undefined): boolean {
  const type = (schema as { type?: unknown } | undefined)?.type;
  // An enum that does not list null admits none, `nullable` or not (3.0.3 says so, Ajv reads it
  // so): GitHub's `state_reason` made null by the mock was a 500 on every issue create.
  if (Array.isArray(schema?.enum) && !schema.enum.includes(null)) return false;
  return (schema?.nullable === true && type !== undefined) || (Array.isArray(type) && type.includes('null'));
}

/** The JSON schema of an operation's JSON request body, if it takes one. */
export function jsonRequestSchema(operation: OpenAPIV3.OperationObject): Schema | undefined {
  const body = operation.requestBody as OpenAPIV3.RequestBodyObject | undefined;
  const media = Object.entries(body?.content ?? {}).find(([type]) => isJsonType(type))?.[1];
  return media?.schema as Schema | undefined;
}

/**
 * The status and JSON schema of an operation's first documented success: the lowest 2xx, else
 * `default` (sent as 200). `documented` is false when neither exists, and the answer then has no
 * schema to be checked against.
 */
export function successResponse(operation: OpenAPIV3.OperationObject): {
  status: number;
  schema: Schema | undefined;
  hasBody: boolean;
  documented: boolean;
} {
  const responses = operation.responses ?? {};
  const key = successStatus(responses) ?? (responses.default ? 'default' : undefined);
  const response = (key ? responses[key] : undefined) as OpenAPIV3.ResponseObject | undefined;
  const media = Object.entries(response?.content ?? {}).find(([type]) => isJsonType(type))?.[1];
  return {
    status: key && key !== 'default' ? Number(key) : 200,
    schema: media?.schema as Schema | undefined,
    hasBody: Object.keys(response?.content ?? {}).length > 0,
    documented: key !== undefined && key !== 'default',
  };
}

/**
 * The status an operation answers when it succeeds: its lowest 2xx, else its lowest redirect other
 * than 304 (Jira's deletes document only `303 See Other`, pointing at the task that removes the
 * item); undefined when it documents neither.
 */
export function successStatus(responses: OpenAPIV3.ResponsesObject): string | undefined {
  const statuses = Object.keys(responses).sort();
  return statuses.find((s) => /^2\d\d$/.test(s)) ?? statuses.find((s) => /^3\d\d$/.test(s) && s !== '304');
}

export function isJsonType(type: string): boolean {
  return type === 'application/json' || type.endsWith('+json') || type === '*/*';
}

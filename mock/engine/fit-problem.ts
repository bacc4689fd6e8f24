import type { FieldError, Problem } from '../http/problem.ts';
import {
  isArraySchema,
  isNullable,
  isObjectSchema,
  objectShape,
  type Schema,
  typeOf,
} from './schema-shape.ts';

/** What a fitted field may carry: the problem's facts under the names APIs give them. */
type Fact = 'detail' | 'title' | 'code' | 'instance' | 'requestId' | 'type';

const TEXT: [RegExp, Fact][] = [
  [
    /^(message|detail|details|description|error_?description|error_?message|msg|reason|text|human)$/i,
    'detail',
  ],
  [/^(title|summary)$/i, 'title'],
  [/^(code|error_?code|error|error_?type|kind|name|slug|reason_?code|status|id)$/i, 'code'],
  [/^(instance|path|url|uri|resource|field|param|parameter|pointer|location)$/i, 'instance'],
  [/^(request_?id|trace_?id|correlation_?id|x_?request_?id)$/i, 'requestId'],
  [/^(type|documentation_?url|doc_?url|help_?url|more_?info|link)$/i, 'type'],
];
const STATUS = /^(status|status_?code|code|http_?status|http_?code|http_?status_?code|error_?code)$/i;
const TIME = /^(timestamp|time|date|created_?at|occurred_?at)$/i;
/** Fields that hold the error itself, one level down (`{ error: { code, message } }`). */
const NESTED = /^(error|errors|problem|fault|details|detail)$/i;

/**
 * A value for an error response's schema made of a problem's facts: its detail where the schema
 * has a message, its code where it has a code, its status where a number is due, its field errors
 * where it lists errors; required fields it has no fact for get the plainest value their schema
 * takes. `isValid` picks among `oneOf`/`anyOf` branches. The caller checks the result.
 */
export function fitProblem(
  schema: Schema,
  problem: Problem,
  isValid: (schema: object, value: unknown) => boolean,
  now = 0,
): unknown {
  return fitValue(schema, problem, undefined, { isValid, now }, 0);
}

interface Fitting {
  isValid: (schema: object, value: unknown) => boolean;
  now: number;
}

function fitValue(
  schema: Schema,
  problem: Problem,
  name: string | undefined,
  how: Fitting,
  depth: number,
): unknown {
  if ('const' in schema) return (schema as { const: unknown }).const;
  const branches = (schema.oneOf ?? schema.anyOf) as Schema[] | undefined;
  if (branches?.length) {
    const tries = branches.map((branch) => fitValue(branch, problem, name, how, depth + 1));
    return tries.find((value, i) => how.isValid(branches[i] as Schema, value)) ?? tries[0];
  }
  if (Array.isArray(schema.enum) && schema.enum.length > 0) {
    const wanted = [textFact(problem, name), problem.code, problem.status].map(String);
    return schema.enum.find((v) => wanted.includes(String(v))) ?? schema.enum[0];
  }
  if (depth > 6) return isNullable(schema) ? null : undefined;
  if (isObjectSchema(schema)) return fitObject(schema, problem, how, depth);
  if (isArraySchema(schema)) return fitArray(schema, problem, name, how, depth);
  switch (typeOf(schema)) {
    case 'integer':
    case 'number': {
      const value = name && !STATUS.test(name) ? 0 : (problem.status ?? 0);
      return Math.min(schema.maximum ?? value, Math.max(schema.minimum ?? value, value));
    }
    case 'boolean':
      return false;
    case 'null':
      return null;
    case 'string':
      return fitText(schema, problem, name, how);
  }
  return textFact(problem, name) ?? problem.detail;
}

function fitObject(schema: Schema, problem: Problem, how: Fitting, depth: number): Record<string, unknown> {
  const { properties, required } = objectShape(schema);
  const value: Record<string, unknown> = {};
  for (const [name, child] of Object.entries(properties)) {
    const known =
      (problem as unknown as Record<string, unknown>)[name] !== undefined ||
      TEXT.some(([pattern]) => pattern.test(name)) ||
      STATUS.test(name) ||
      NESTED.test(name) ||
      TIME.test(name);
    if (!known && !required.has(name)) continue;
    const fitted = fitValue(child, problem, name, how, depth + 1);
    if (fitted !== undefined) value[name] = fitted;
  }
  return value;
}

function fitArray(
  schema: Schema,
  problem: Problem,
  name: string | undefined,
  how: Fitting,
  depth: number,
): unknown[] {
  const items = ((schema as { items?: Schema }).items ?? {}) as Schema;
  const errors: FieldError[] = problem.errors ?? [];
  // A list of errors holds the field errors, each fitted as a problem of its own.
  const each =
    errors.length > 0 && (name === undefined || /error|detail|problem|issue|violation/i.test(name))
      ? errors.map((e) => ({
          ...problem,
          detail: e.message,
          code: e.code,
          instance: e.field,
          errors: undefined,
        }))
      : [];
  const values = each.map((one) => fitValue(items, one as Problem, undefined, how, depth + 1));
  const min = schema.minItems ?? 0;
  while (values.length < min) values.push(fitValue(items, problem, undefined, how, depth + 1));
  return values.slice(0, schema.maxItems ?? values.length);
}

function fitText(schema: Schema, problem: Problem, name: string | undefined, how: Fitting): string {
  if (schema.format === 'date-time' || (name && TIME.test(name) && !schema.format))
    return new Date(how.now).toISOString();
  if (schema.format === 'date') return new Date(how.now).toISOString().slice(0, 10);
  const text = String(textFact(problem, name) ?? problem.detail ?? problem.title ?? '');
  const min = schema.minLength ?? 0;
  return text.padEnd(min, '.').slice(0, schema.maxLength ?? undefined);
}

/** The problem's fact a field of this name carries (`message` -> detail, `code` -> code). */
function textFact(problem: Problem, name: string | undefined): string | undefined {
  if (name === undefined) return undefined;
  const own = (problem as unknown as Record<string, unknown>)[name];
  if (typeof own === 'string') return own;
  const fact = TEXT.find(([pattern]) => pattern.test(name))?.[1];
  if (fact === 'code' && /^status$/i.test(name)) return problem.code ?? String(problem.status);
  return fact ? (problem[fact] as string | undefined) : undefined;
}

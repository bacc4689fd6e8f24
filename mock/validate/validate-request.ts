import type { OpenAPIV3 } from 'openapi-types';
import type { FieldError } from '../http/problem.ts';
import { HttpProblem, validationProblem } from '../http/problem.ts';
import type { SpecOperation } from '../openapi/operations.ts';
import { parameterStyle, styledSchema } from '../openapi/parameter-style.ts';
import { findParameter } from '../openapi/read-parameter.ts';
import type { SchemaValidator } from '../openapi/schema-validator.ts';
import type { MockRequest } from '../routes/mock-request.ts';
import { coerceParameter } from './coerce.ts';

type Schema = OpenAPIV3.SchemaObject;

/** A request that passed validation, its parameters read as their schemas' types. */
export interface ValidRequest {
  path: Record<string, unknown>;
  query: Record<string, unknown>;
  body: unknown;
}

/**
 * Validates a request against its operation: path and query parameters, the body's media type and
 * the JSON body. Collects every problem before refusing, so one answer lists every field to fix.
 * Multipart bodies are streamed later by the upload stage, which checks them as it reads.
 */
export function validateRequest(
  op: SpecOperation,
  req: MockRequest,
  validator: SchemaValidator,
): ValidRequest {
  const errors: FieldError[] = [];
  const path: Record<string, unknown> = {};
  const query: Record<string, unknown> = {};
  const rawQuery = req.query as Record<string, unknown>;

  for (const param of op.parameters) {
    // OpenAPI: header parameters named Accept, Content-Type or Authorization are ignored.
    if (param.in === 'header' && IGNORED_HEADERS.has(param.name.toLowerCase())) continue;
    // A cookie travels in the Cookie header: the contract's FieldError knows no other place for it.
    const where = (param.in === 'cookie' ? 'header' : param.in) as FieldError['in'];
    const how = parameterStyle(param);
    const schema = styledSchema(param);
    const raw = findParameter(how, schema, { query: rawQuery, path: req.params, headers: req.headers });
    if (raw !== undefined && typeof raw === 'object' && 'error' in raw) {
      errors.push({ in: where, field: param.name, code: 'style', message: String(raw.error) });
      continue;
    }
    if (raw === undefined || (raw === '' && param.in === 'path')) {
      if (param.required)
        errors.push({ in: where, field: param.name, code: 'required', message: 'is required' });
      continue;
    }
    // OpenAPI 3.0: `?q=` is a value, the empty one, refused unless the parameter allows it.
    if (param.in === 'query' && !param.allowEmptyValue && isEmpty(raw)) {
      errors.push({
        in: 'query',
        field: param.name,
        code: 'empty',
        message: `must not be empty: give ${param.name} a value or leave it out`,
      });
      continue;
    }
    const coerced = coerceParameter(raw, schema, how);
    if (!coerced.ok) {
      errors.push({
        in: where,
        field: param.name,
        code: coerced.code ?? 'type',
        message: coerced.message,
      });
      continue;
    }
    const result = validator.validate(schema, coerced.value);
    if (!result.ok) {
      for (const e of result.errors)
        errors.push({ in: where, field: param.name, code: e.keyword, message: e.message });
      continue;
    }
    if (param.in === 'path') path[param.name] = coerced.value;
    if (param.in === 'query') query[param.name] = coerced.value;
  }

  const body = checkBody(op, req, validator, errors);
  if (errors.length > 0) throw validationProblem(errors);
  return { path, query, body };
}

const IGNORED_HEADERS = new Set(['accept', 'content-type', 'authorization']);

const isEmpty = (raw: unknown): boolean => raw === '' || (Array.isArray(raw) && raw.includes(''));

function checkBody(
  op: SpecOperation,
  req: MockRequest,
  validator: SchemaValidator,
  errors: FieldError[],
): unknown {
  const spec = op.operation.requestBody as OpenAPIV3.RequestBodyObject | undefined;
  if (!spec) return undefined;
  const types = Object.keys(spec.content);
  if (!req.hasBody) {
    if (spec.required)
      errors.push({
        in: 'body',
        field: '/',
        code: 'required',
        message: `a ${types.join(' or ')} body is required`,
      });
    return undefined;
  }
  const accepted = types.find((t) => req.is(t));
  if (!accepted) {
    throw new HttpProblem(
      'unsupported_media_type',
      `The body must be ${types.join(' or ')}, not ${req.headers['content-type'] ?? 'untyped'}.`,
    );
  }
  // `application/merge-patch+json` and the other `+json` types are JSON bodies too.
  if (accepted !== 'application/json' && !/^application\/[\w.-]+\+json$/.test(accepted)) return undefined;
  const schema = spec.content[accepted]?.schema as Schema | undefined;
  if (!schema) return req.body;
  const result = validator.validate(schema, req.body);
  if (!result.ok) {
    for (const e of result.errors)
      errors.push({ in: 'body', field: e.pointer, code: e.keyword, message: e.message });
  }
  return req.body;
}

import { randomUUID } from 'node:crypto';
import type { OpenAPIV3 } from 'openapi-types';
import { readConstraints } from '../../mock/openapi/constraints.ts';
import type { SpecOperation } from '../../mock/openapi/operations.ts';
import { breakingQueries } from '../generate/constraint-values.ts';
import { invalidBodies, invalidScalars } from '../generate/invalid-values.ts';
import { sampleValid, subSeed } from '../generate/valid-values.ts';
import type { Contract } from '../plan/load-contract.ts';
import { jsonBodySchema, parameterSchema, parametersIn } from '../plan/request-shape.ts';
import type { Rejection } from '../types.ts';
import { interleave, RequestBudget } from './budget.ts';
import type { CallOptions, HttpClient } from './http-client.ts';
import type { ResourceTracker } from './resources.ts';
import { readBack } from './serialize-parameter.ts';
import { fitsHeader, requiredQuery, validBodies } from './valid-input.ts';

export interface NegativeSettings {
  seed: number;
  testNumber: string | undefined;
}

/**
 * Sends requests that break the contract in one place each, for every selected operation:
 * malformed path parameters, invalid query values, queries that break one of the operation's
 * `x-constraints` (each value valid, their relation not), bodies with a missing, unknown or broken
 * field, malformed JSON and a wrong content type. Item operations get a fresh random id, so that a
 * backend that wrongly accepts the input changes nothing that exists; anything a create wrongly
 * accepts is tracked and deleted at the end.
 */
export async function driveNegative(
  contract: Contract,
  http: HttpClient,
  resources: ResourceTracker,
  selected: (operationId: string) => boolean,
  settings: NegativeSettings,
  budget: RequestBudget = RequestBudget.unlimited(),
): Promise<string[]> {
  const notes: string[] = [];
  for (const op of contract.operations) {
    if (!selected(op.operationId)) continue;
    const realWorld = 'x-test-numbers' in (op.operation as object);
    if (realWorld && !settings.testNumber) {
      notes.push(
        `${op.operationId}: negative inputs not sent without --test-number (a wrongly accepted one could ring someone).`,
      );
      continue;
    }
    const pathParams = randomPathParams(op, settings.testNumber);
    // Item operations get a fresh id: a server may refuse the missing item before the bad input,
    // and its 404 is then right whether or not the operation documents one (an undocumented 404 is
    // status_code_conformance's to report, not a wrong refusal of the input).
    const orMissing = parametersIn(op, 'path').length > 0;
    const invalid = (where: 'body' | 'query' | 'path' | 'header', name?: string): Rejection => ({
      statuses: [400],
      codes: ['validation_failed'],
      ...(name ? { field: { in: where, name } } : {}),
      ...(orMissing && where !== 'path' ? { orMissing } : {}),
    });
    type Request = [string, CallOptions];
    const groups: Request[][] = [];
    for (const param of parametersIn(op, 'path'))
      groups.push(
        queryable(param, contract).map((bad) => [
          `path ${param.name}: ${bad.description}`,
          {
            pathParams: { ...pathParams, [param.name]: bad.value },
            rejection: invalid('path', param.name),
          },
        ]),
      );
    // Required parameters go with every request, so that each one breaks exactly one rule.
    const required = requiredQuery(contract, op, settings.seed);
    for (const param of parametersIn(op, 'query'))
      groups.push([
        ...queryable(param, contract).map(
          (bad): Request => [
            `query ${param.name}: ${bad.description}`,
            { query: { ...required, [param.name]: bad.value }, rejection: invalid('query', param.name) },
          ],
        ),
        ...(param.required
          ? [
              [
                `query ${param.name}: a required parameter left out`,
                {
                  query: Object.fromEntries(Object.entries(required).filter(([n]) => n !== param.name)),
                  rejection: invalid('query', param.name),
                },
              ] as Request,
            ]
          : []),
      ]);
    // Header and cookie parameters (the contract names the Cookie header as the place of a cookie);
    // a required one, which every call sends, is left out once.
    for (const param of [...parametersIn(op, 'header'), ...parametersIn(op, 'cookie')]) {
      if (param.in === 'header' && /^(accept|content-type|authorization)$/i.test(param.name)) continue;
      groups.push([
        ...queryable(param, contract)
          .filter((bad) => param.in === 'cookie' || fitsHeader(bad.value))
          .map(
            (bad): Request => [
              `${param.in} ${param.name}: ${bad.description}`,
              {
                query: required,
                params: { [param.name]: bad.value },
                rejection: invalid('header', param.name),
              },
            ],
          ),
        ...(param.required
          ? [
              [
                `${param.in} ${param.name}: a required parameter left out`,
                {
                  query: required,
                  params: { [param.name]: undefined },
                  rejection: invalid('header', param.name),
                },
              ] as Request,
            ]
          : []),
      ]);
    }
    const querySchemas = new Map(parametersIn(op, 'query').map((p) => [p.name, parameterSchema(p)]));
    const validQuery = (name: string) => {
      const schema = querySchemas.get(name);
      const seed = subSeed(settings.seed, `${op.operationId}:${name}:constraint`);
      return schema ? sampleValid(schema, seed, 5, contract.validator) : [];
    };
    groups.push(
      breakingQueries(readConstraints(op), validQuery).map((bad) => [
        bad.description,
        {
          query: { ...required, ...bad.query },
          rejection: invalid('query', bad.field),
        },
      ]),
    );
    const schema = jsonBodySchema(op);
    const [valid] = validBodies(contract, op, settings.seed, 1, realWorld ? settings.testNumber : undefined);
    const base = (valid && 'json' in valid ? valid.json : {}) as Record<string, unknown>;
    // "A malformed id is a 400, an unknown one a 404": a well-formed id that names nothing.
    const ids = parametersIn(op, 'path').filter((p) => parameterSchema(p).format === 'uuid');
    if (ids.length && op.operation.responses?.['404'])
      groups.push([
        [
          `path ${ids.map((p) => p.name).join(', ')}: a well-formed id that names nothing`,
          { ...(schema ? { json: base } : {}), rejection: { statuses: [404], codes: ['not_found'] } },
        ],
      ]);
    if (schema) {
      groups.push(
        invalidBodies(schema, base, contract.validator).map((bad) => [
          `body ${bad.description}`,
          {
            json: bad.value,
            // A JSON value that is not an object is well-formed JSON, but some parsers call it malformed.
            rejection: bad.field
              ? invalid('body', bad.field)
              : { statuses: [400], codes: ['validation_failed', 'malformed_json'], orMissing },
          },
        ]),
      );
      groups.push([
        [
          'a body that is not valid JSON',
          {
            raw: { body: '{"unterminated": ', contentType: 'application/json' },
            rejection: { statuses: [400], codes: ['malformed_json'], orMissing },
          },
        ],
      ]);
      groups.push([
        [
          'a text/plain body where JSON is required',
          {
            raw: { body: JSON.stringify(base), contentType: 'text/plain' },
            rejection: { statuses: [415], codes: ['unsupported_media_type'], orMissing },
          },
        ],
      ]);
    }
    // Each group's first before any group's second, so that a tight budget keeps every kind of breach.
    let limit = negativeBudget(contract, op);
    for (const [description, options] of interleave(groups)) {
      if (limit-- <= 0 || !budget.take(op.operationId)) continue;
      const exchange = await http.call(op, {
        pathParams,
        ...options,
        purpose: 'negative',
        description,
        missingItem: orMissing,
      });
      trackAccepted(op, exchange.response, contract, resources);
    }
  }
  return notes;
}

/**
 * How many invalid requests an operation may get. Operations under a strict rate limit (the login's
 * 10 a minute) get a few, so that the run's own logins, which count against the same limit, still
 * succeed.
 */
function negativeBudget(contract: Contract, op: SpecOperation): number {
  const limits = contract.extensions.rateLimits;
  const limit = limits?.policies[op.rateLimitPolicy ?? limits.defaultPolicy]?.limit;
  return limit !== undefined && limit < 100
    ? Math.max(2, Math.floor(limit / 2) - 2)
    : Number.POSITIVE_INFINITY;
}

/**
 * Invalid values that stay invalid through the trip into a URL: written in the parameter's style
 * and read back as the spec says, each must still break the schema (`12345` for a string is the
 * text "12345", valid; a string for a list of strings is a list of one, valid). No nulls, no empty
 * strings; booleans are left alone (their text forms are read too loosely to judge).
 */
function queryable(param: OpenAPIV3.ParameterObject, contract: Contract) {
  const schema = parameterSchema(param);
  return invalidScalars(schema).filter((bad) => {
    if (bad.value === null || bad.value === '' || schema.type === 'boolean') return false;
    const read = readBack(param, bad.value);
    return !read.ok || !contract.validator.validate(schema, read.value).ok;
  });
}

/**
 * Path values that can only touch what the run may touch: a fresh uuid, the test number where the
 * parameter is a phone number, else a value no real resource has (never the spec's example, which
 * may be someone's real number).
 */
export function randomPathParams(op: SpecOperation, testNumber: string | undefined): Record<string, string> {
  const params: Record<string, string> = {};
  for (const param of parametersIn(op, 'path')) {
    const schema = parameterSchema(param);
    const pattern = schema.pattern ? new RegExp(schema.pattern) : undefined;
    if (schema.format === 'uuid') params[param.name] = randomUUID();
    else if (testNumber && pattern?.test(testNumber)) params[param.name] = testNumber;
    else params[param.name] = 'no-such-resource';
  }
  return params;
}

/** A create that wrongly accepted invalid input made something: remember it for cleanup. */
export function trackAccepted(
  op: SpecOperation,
  response: { status: number; json?: unknown } | undefined,
  contract: Contract,
  resources: ResourceTracker,
): void {
  const id = (response?.json as { id?: unknown } | undefined)?.id;
  if (!response || response.status >= 300 || op.method !== 'post' || typeof id !== 'string') return;
  const remove = contract.operations.find(
    (o) => o.method === 'delete' && new RegExp(`^${op.path}/\\{[^}]+\\}$`).test(o.path),
  );
  const name = remove?.path.match(/\{([^}]+)\}$/)?.[1];
  if (remove && name) resources.add(`${op.operationId} ${id} (wrongly accepted)`, remove, { [name]: id });
}

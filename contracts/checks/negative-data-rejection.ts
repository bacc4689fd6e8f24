import type { OpenAPIV3 } from 'openapi-types';
import type { SpecOperation } from '../../mock/openapi/operations.ts';
import { operation } from '../plan/load-contract.ts';
import { collectProperties } from '../plan/request-shape.ts';
import { documentedResponse, operationPointer } from '../plan/spec-pointer.ts';
import type { Rejection } from '../types.ts';
import { answered, describeResponse, requestLine } from './describe.ts';
import type { Check } from './types.ts';

interface Problem {
  code?: string;
  errors?: { in?: string; field?: string }[];
}

/**
 * Requests that break the contract in one place are refused as the contract says: 400 with
 * `validation_failed` naming the offending field in `errors` (the spec promises every offending
 * field is listed), `malformed_json` for a body that does not parse, 415 for a wrong Content-Type.
 */
export const negativeDataRejection: Check = {
  name: 'negative_data_rejection',
  catches:
    'Invalid input accepted (a missing required field, an unknown field, a wrong type, an over-long or out-of-range value, a malformed id, bad JSON or a wrong Content-Type answered 2xx), refused with another status than the spec says (a 404 or 500 for a malformed id), or a validation problem that does not name the field.',
  drivers: ['negative'],
  mutates: false,
  phase: 'judge',
  judge(ctx) {
    for (const exchange of answered(ctx.exchanges())) {
      if (exchange.purpose !== 'negative') continue;
      const op = operation(ctx.contract, exchange.operationId);
      ctx.judged(op.operationId);
      const status = exchange.response.status;
      if (status >= 500) continue; // not_a_server_error reports it
      // The item named does not exist: its documented 404 is as fair an answer as the 400.
      if (status === 404 && exchange.rejection?.orMissing) continue;
      const rejection = judgedRejection(op, exchange.rejection, status);
      const problem = exchange.response.json as Problem | undefined;
      const where = exchange.description?.startsWith('body') ? 'requestBody' : 'parameters';
      const base = { operationId: op.operationId, exchange, specPointer: operationPointer(op, where) };
      if (status < 400 || !rejection.statuses.includes(status)) {
        ctx.fail({
          ...base,
          title: status < 400 ? 'Invalid request accepted' : `Invalid request refused with ${status}`,
          message: `${requestLine(exchange)} sends ${exchange.description ?? 'invalid input'}, which the spec forbids, and was answered ${status}.`,
          expected: expectation(op, rejection),
          actual: describeResponse(exchange.response),
        });
        continue;
      }
      const problems = problemMismatch(rejection, problem);
      if (problems)
        ctx.fail({
          ...base,
          title: 'Refusal does not say what is wrong',
          message: `${requestLine(exchange)} sends ${exchange.description}; it was refused with ${status}, but ${problems}.`,
          expected: expectation(op, rejection),
          actual: describeResponse(exchange.response),
          specPointer: operationPointer(op, 'responses', String(status)),
        });
    }
  },
};

/** The refusal due, in the spec's own words: its statuses, its error media type, its codes. */
function expectation(op: SpecOperation, rejection: Rejection): string {
  const named = rejection.fields ?? (rejection.field ? [rejection.field] : []);
  const field = named.length ? `, errors naming ${named.map((f) => `${f.in} ${f.name}`).join(' and ')}` : '';
  const statuses = rejection.statuses.length > 10 ? 'a 4xx' : rejection.statuses.join(' or ');
  const documented = rejection.statuses.map((s) => documentedResponse(op, s)).find(Boolean);
  const types = Object.keys(documented?.response.content ?? {});
  const media = types.length ? ` ${types.join(' or ')}` : '';
  const codes = rejection.codes.length ? ` with code ${rejection.codes.join(' or ')}` : '';
  const missing = rejection.orMissing ? ' (or the 404 of a missing item)' : '';
  return `${statuses}${media}${codes}${field}${missing}`;
}

/** What the refusal's problem body gets wrong, or undefined when it says what the contract asks. */
function problemMismatch(rejection: Rejection, problem: Problem | undefined): string | undefined {
  if (rejection.codes.length && !rejection.codes.includes(problem?.code ?? ''))
    return `its problem code is ${problem?.code ?? 'missing'}`;
  const fields = rejection.fields ?? (rejection.field ? [rejection.field] : []);
  if (fields.length === 0 || problem?.code !== 'validation_failed') return undefined;
  // Every offending field is listed, not only the first (info: Errors).
  const unnamed = fields.filter((field) => {
    // A field inside it (`/tags/0` for `/tags`) names it too, more precisely.
    const pointer = field.name.startsWith('/') || field.in !== 'body' ? field.name : `/${field.name}`;
    return !(problem.errors ?? []).some(
      (e) =>
        e.in === field.in &&
        (e.field === pointer || e.field?.startsWith(`${pointer}/`) || e.field === `/${pointer}`),
    );
  });
  return unnamed.length === 0
    ? undefined
    : `its errors do not name ${unnamed.map((f) => `${f.in} ${f.name}`).join(' and ')} (${JSON.stringify(problem.errors ?? [])})`;
}

/**
 * The refusal to expect, as far as this spec states it: the prescribed statuses where the
 * operation documents them (else any 4xx: status_code_conformance judges an undocumented one), and
 * problem codes only where the documented refusal has a `code` field (a spec with other error
 * bodies is not held to this contract's problem codes).
 */
function judgedRejection(op: SpecOperation, prescribed: Rejection | undefined, status: number): Rejection {
  const rejection = prescribed ?? { statuses: [400, 404, 409, 413, 415], codes: [] };
  const documents = (s: number) => String(s) in (op.operation.responses ?? {});
  const statuses = rejection.statuses.some(documents)
    ? rejection.statuses
    : Array.from({ length: 100 }, (_, i) => 400 + i);
  const response = documentedResponse(op, status)?.response;
  const schemas = Object.values(response?.content ?? {}).map((m) => m.schema as OpenAPIV3.SchemaObject);
  const hasCode = schemas.some((schema) => 'code' in collectProperties(schema));
  return { ...rejection, statuses, codes: hasCode ? rejection.codes : [] };
}

import type { OpenAPIV3 } from 'openapi-types';
import type { FieldError, HttpProblem, Problem } from '../http/problem.ts';
import type { SpecOperation } from '../openapi/operations.ts';
import { fitProblem } from './fit-problem.ts';
import { isJsonType, type Schema } from './schema-shape.ts';

/**
 * A refusal as the operation documents it: the status, the media type and the body to send; no
 * media type where the documented response has no body (the problem then travels in a header).
 */
export interface Refusal {
  status: number;
  mediaType: string | undefined;
  /** A JSON value for JSON media types, else text; undefined with no media type. */
  body: unknown;
}

/** Whether a value is valid against a schema (the mock's validator, passed in so this stays pure). */
export type IsValid = (schema: object, value: unknown) => boolean;

export const PROBLEM_TYPE = 'application/problem+json';

/**
 * Statuses a refusal may fall back to when the operation documents none for its cause, nearest
 * first: invalid input is a 400 or a 422 alike, a missing credential is next to a forbidden one,
 * a body the server will not take (413, 415) is invalid input.
 */
const NEAR: Record<number, number[]> = {
  400: [422],
  401: [403, 400],
  403: [401, 404, 400],
  404: [410, 400, 422],
  405: [400],
  406: [400, 415],
  409: [422, 400],
  410: [404, 400],
  412: [409, 422, 400],
  413: [400, 422],
  414: [400],
  415: [400, 422],
  422: [400],
  429: [503, 400],
  431: [400],
};

/**
 * A refusal in the operation's own terms (issue 18): the status it documents for the cause, else
 * the same class (`4XX`), else `default`, else the nearest documented 4xx; the media type of that
 * response (RFC 9457 `application/problem+json` where it is documented), no body where the
 * response documents none; and a body valid against its schema, fitted from the problem's facts
 * (or one of its own examples). A route miss (no operation), an operation that documents no
 * refusal at all (the routes answer its refusals with its documented success: see
 * `expressesRefusals`), and a cause without a status of its own on an operation whose refusals are
 * RFC 9457 problems (its clients read problems by media type) get the RFC 9457 problem as it is.
 * So a strict client generated from the contract decodes every refusal, and a contract that speaks
 * problem+json everywhere sees no change.
 */
export function shapeRefusal(
  op: SpecOperation | undefined,
  problem: HttpProblem,
  body: Problem,
  isValid: IsValid,
  /** The time an error body's `timestamp` says (the mock's clock). */
  now = 0,
): Refusal {
  const asItIs = { status: problem.status, mediaType: PROBLEM_TYPE, body };
  if (!op) return asItIs;
  const responses = op.operation.responses ?? {};
  const chosen = documentedResponse(responses, problem.status);
  // An operation whose refusals are RFC 9457 problems has clients that read any problem by its
  // media type: a cause it has no status for (a 413 of the body limit) keeps its own status.
  if (!chosen || (!exactly(responses, problem.status) && speaksProblems(responses))) return asItIs;
  const status = chosen.status;
  const facts: Problem = { ...body, status };
  const content = Object.entries(chosen.response.content ?? {});
  // A documented status without content is sent as documented: no body.
  if (content.length === 0) return { status, mediaType: undefined, body: undefined };
  const [mediaType, media] =
    content.find(([type]) => type === PROBLEM_TYPE) ??
    content.find(([type]) => isJsonType(type) && type !== '*/*') ??
    content.find(([type]) => type.startsWith('text/')) ??
    (content[0] as [string, OpenAPIV3.MediaTypeObject]);
  if (!isJsonType(mediaType)) return { status, mediaType, body: body.detail ?? body.title };
  const schema = media.schema as Schema | undefined;
  if (!schema || isValid(schema, facts)) return { status, mediaType: sent(mediaType), body: facts };
  const fitted = fitProblem(schema, facts, isValid, now);
  if (isValid(schema, fitted)) return { status, mediaType: sent(mediaType), body: fitted };
  const example = examplesOf(media).find((value) => isValid(schema, value));
  if (example !== undefined) return { status, mediaType: sent(mediaType), body: example };
  return { ...asItIs, status, body: facts };
}

/** The bytes of a refusal: JSON for JSON media types, else its text; none without a media type. */
export function refusalText(refusal: Refusal): string {
  if (refusal.mediaType === undefined) return '';
  return isJsonType(refusal.mediaType) ? JSON.stringify(refusal.body) : String(refusal.body ?? '');
}

/**
 * The problem in one header line (`404 not_found: No pets record has the id 7.`), for answers
 * that carry no problem body: a refusal whose documented response has no content, and one the
 * operation cannot express at all. Printable ASCII only, so that any HTTP stack sends it.
 */
export function problemHeader(problem: {
  status: number;
  code: string;
  detail: string;
  errors?: FieldError[] | undefined;
}): string {
  const fields = (problem.errors ?? []).map((e) => ` ${e.in} ${e.field}: ${e.message}.`).join('');
  const line = `${problem.status} ${problem.code}: ${problem.detail}${fields}`;
  return line.replace(/[^\x20-\x7e]/g, '?').slice(0, 300);
}

/** `*\/*` documents any JSON: the problem's own type says what it is. */
function sent(mediaType: string): string {
  return mediaType === '*/*' ? PROBLEM_TYPE : mediaType;
}

/** The status itself, or its class (`4XX`), is documented. */
function exactly(responses: OpenAPIV3.ResponsesObject, status: number): boolean {
  const range = `${Math.floor(status / 100)}XX`;
  return [String(status), range, range.toLowerCase()].some((key) => responses[key] !== undefined);
}

/** Some refusal of the operation is documented as `application/problem+json`. */
function speaksProblems(responses: OpenAPIV3.ResponsesObject): boolean {
  return Object.entries(responses).some(
    ([key, response]) =>
      (key === 'default' || /^[45]/.test(key)) &&
      (response as OpenAPIV3.ResponseObject).content?.[PROBLEM_TYPE] !== undefined,
  );
}

/** The documented response a refusal of this status goes out as, and the status it then has. */
export function documentedResponse(
  responses: OpenAPIV3.ResponsesObject,
  status: number,
): { status: number; response: OpenAPIV3.ResponseObject } | undefined {
  const at = (key: string) => responses[key] as OpenAPIV3.ResponseObject | undefined;
  const exact = at(String(status));
  if (exact) return { status, response: exact };
  const range = at(`${Math.floor(status / 100)}XX`) ?? at(`${Math.floor(status / 100)}xx`);
  if (range) return { status, response: range };
  const fallback = at('default');
  if (fallback) return { status, response: fallback };
  const documented = Object.keys(responses)
    .filter((key) => /^\d{3}$/.test(key))
    .map(Number);
  const near = (NEAR[status] ?? []).find((s) => documented.includes(s));
  const family = status >= 500 ? 5 : 4;
  const closest =
    near ??
    documented
      .filter((s) => Math.floor(s / 100) === family)
      .sort((a, b) => Math.abs(a - status) - Math.abs(b - status) || a - b)[0];
  return closest === undefined
    ? undefined
    : { status: closest, response: at(String(closest)) as OpenAPIV3.ResponseObject };
}

/** The examples a media type documents (`example`, then every `examples` value). */
function examplesOf(media: OpenAPIV3.MediaTypeObject): unknown[] {
  const values: unknown[] = [];
  if (media.example !== undefined) values.push(media.example);
  for (const example of Object.values(media.examples ?? {}))
    if ((example as OpenAPIV3.ExampleObject).value !== undefined)
      values.push((example as OpenAPIV3.ExampleObject).value);
  return values;
}

/**
 * Whether some documented response of the operation can carry a refusal (a 4xx, `4XX` or
 * `default`). One that documents none is answered, whatever the request, with a response its
 * contract holds (its documented success), the refusal said in a header and the log.
 */
export function expressesRefusals(op: SpecOperation): boolean {
  return Object.keys(op.operation.responses ?? {}).some((key) => key === 'default' || /^4/.test(key));
}

/**
 * The operations the mock may refuse (they take parameters, a body or a credential) none of whose
 * documented responses can carry a refusal: their refusals cannot be expressed in their contract,
 * so they are answered with their documented success. Said once in the start-up log.
 */
export function inexpressibleRefusals(operations: Iterable<SpecOperation>): string[] {
  const ids: string[] = [];
  for (const op of operations) {
    const refusable =
      op.parameters.length > 0 || op.operation.requestBody !== undefined || op.security.length > 0;
    if (refusable && !expressesRefusals(op)) ids.push(op.operationId);
  }
  return ids;
}

import type { OpenAPIV3 } from 'openapi-types';
import type { SpecOperation } from '../../mock/openapi/operations.ts';

/** Escapes one JSON Pointer segment (RFC 6901): `~` then `/`. */
export function escapeSegment(segment: string): string {
  return segment.replaceAll('~', '~0').replaceAll('/', '~1');
}

/**
 * The place in openapi.yaml where a rule is written, as a developer opens it in an editor or
 * Redoc: `openapi.yaml#/paths/~1qa~1{id}/get/responses/200`.
 */
export function specPointer(...segments: (string | number)[]): string {
  return `openapi.yaml#/${segments.map((s) => escapeSegment(String(s))).join('/')}`;
}

export function operationPointer(op: SpecOperation, ...rest: (string | number)[]): string {
  return specPointer('paths', op.path, op.method, ...rest);
}

export interface DocumentedResponse {
  /** The key it is documented under: the status, its range (`4XX`) or `default`. */
  key: string;
  response: OpenAPIV3.ResponseObject;
  pointer: string;
}

/** The documented response an answer's status falls under, as OpenAPI resolves it. */
export function documentedResponse(op: SpecOperation, status: number): DocumentedResponse | undefined {
  const responses = op.operation.responses ?? {};
  for (const key of [String(status), `${String(status)[0]}XX`, 'default']) {
    const response = responses[key] as OpenAPIV3.ResponseObject | undefined;
    if (response) return { key, response, pointer: operationPointer(op, 'responses', key) };
  }
  return undefined;
}

/** The statuses an operation documents, as written (`200`, `4XX`, `default`). */
export function documentedStatuses(op: SpecOperation): string[] {
  return Object.keys(op.operation.responses ?? {});
}

import type { OpenAPIV3 } from 'openapi-types';
import type { OpenApiDocument } from './load-spec.ts';

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

/** One operation of the contract, with what every consumer needs to know about it. */
export interface SpecOperation {
  operationId: string;
  method: HttpMethod;
  /** The path as written in the spec, relative to the server URL (`/qa/{id}`). */
  path: string;
  tags: string[];
  operation: OpenAPIV3.OperationObject;
  /** Parameters of the path item and the operation, the operation's winning on a clash. */
  parameters: OpenAPIV3.ParameterObject[];
  /** Security requirements in force: the operation's own, or the document's. Empty means public. */
  security: OpenAPIV3.SecurityRequirementObject[];
  /** Events the operation causes on the real-time channel (`x-emits`). */
  emits: string[];
  /** Name of the rate-limit policy (`x-rate-limit`), `none` when the operation is not limited. */
  rateLimitPolicy: string | undefined;
}

/**
 * Lists every operation of a dereferenced document in document order. An operation without an
 * `operationId` is named by its method and path, because every consumer keys operations by id.
 */
export function listOperations(document: OpenApiDocument): SpecOperation[] {
  const result: SpecOperation[] = [];
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    if (!item) continue;
    for (const method of HTTP_METHODS) {
      const operation = item[method] as OpenAPIV3.OperationObject | undefined;
      if (!operation) continue;
      // Consumers key operations by id; a contract that gives none gets `get /pets/{id}`.
      operation.operationId ??= `${method} ${path}`;
      const byKey = new Map<string, OpenAPIV3.ParameterObject>();
      for (const p of [...(item.parameters ?? []), ...(operation.parameters ?? [])]) {
        const param = p as OpenAPIV3.ParameterObject;
        byKey.set(`${param.in}:${param.name}`, param);
      }
      const extensions = operation as Record<string, unknown>;
      result.push({
        operationId: operation.operationId,
        method,
        path,
        tags: operation.tags ?? [],
        operation,
        parameters: [...byKey.values()],
        security: operation.security ?? document.security ?? [],
        emits: (extensions['x-emits'] as string[] | undefined) ?? [],
        rateLimitPolicy: extensions['x-rate-limit'] as string | undefined,
      });
    }
  }
  return result;
}

/** True when the operation requires a credential (some security requirement names a scheme). */
export function isProtected(op: SpecOperation): boolean {
  return op.security.length > 0 && op.security.every((req) => Object.keys(req).length > 0);
}

/** The schema of one documented response's media type, or undefined when none is documented. */
export function responseSchema(
  op: SpecOperation,
  status: string,
  type = 'application/json',
): object | undefined {
  const response = op.operation.responses[status] as OpenAPIV3.ResponseObject | undefined;
  return response?.content?.[type]?.schema;
}

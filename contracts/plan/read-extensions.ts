import type { OpenAPIV3 } from 'openapi-types';
import type { AuthRules, CorsPolicy, RateLimits, UploadRules } from '../../mock/openapi/extensions.ts';
import type { OpenApiDocument } from '../../mock/openapi/load-spec.ts';
import type { SpecOperation } from '../../mock/openapi/operations.ts';

/**
 * What the contract declares in `x-` extensions, each one optional: the runner checks any spec, and
 * a check whose extension is absent is skipped with that reason rather than crashing the run.
 * (The mock's `readExtensions` in spec/ requires all of them: a mock cannot serve half a policy.)
 */
export interface RunnerExtensions {
  cors: CorsPolicy | undefined;
  rateLimits: RateLimits | undefined;
  auth: AuthRules | undefined;
  uploads: UploadRules[];
}

export function readRunnerExtensions(
  document: OpenApiDocument,
  operations: SpecOperation[],
): RunnerExtensions {
  const doc = document as OpenApiDocument & Record<string, unknown>;
  const rateLimits = doc['x-rate-limits'] as RateLimits | undefined;
  const usable = rateLimits?.policies && rateLimits.policies[rateLimits.defaultPolicy] !== undefined;
  return {
    cors: isObject(doc['x-cors']) ? (doc['x-cors'] as CorsPolicy) : undefined,
    rateLimits: usable ? rateLimits : undefined,
    auth: isObject(doc['x-auth']) ? (doc['x-auth'] as AuthRules) : undefined,
    uploads: readUploads(operations),
  };
}

/** Upload rules of every multipart operation that states its field, types and `x-max-file-size`. */
function readUploads(operations: SpecOperation[]): UploadRules[] {
  const uploads: UploadRules[] = [];
  for (const op of operations) {
    const body = op.operation.requestBody as OpenAPIV3.RequestBodyObject | undefined;
    const media = body?.content?.['multipart/form-data'] as
      | (OpenAPIV3.MediaTypeObject & Record<string, unknown>)
      | undefined;
    const [field, encoding] = Object.entries(media?.encoding ?? {})[0] ?? [];
    const max = media?.['x-max-file-size'];
    if (!field || !encoding?.contentType || typeof max !== 'number') continue;
    uploads.push({
      operationId: op.operationId,
      field,
      contentTypes: encoding.contentType.split(',').map((t) => t.trim()),
      maxFileSizeBytes: max,
    });
  }
  return uploads;
}

function isObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null;
}

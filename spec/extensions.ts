import type { OpenAPIV3 } from 'openapi-types';
import type { OpenApiDocument } from './load-spec.ts';
import { listOperations } from './operations.ts';

/** The CORS policy of the top-level `x-cors` extension. */
export interface CorsPolicy {
  allowedOrigins: string[];
  productionOriginsEnv: string;
  allowedMethods: string[];
  allowedHeaders: string[];
  exposedHeaders: string[];
  allowCredentials: boolean;
  maxAgeSeconds: number;
}

export interface RateLimitPolicy {
  limit: number;
  windowSeconds: number;
  description?: string;
}

/** The rate limits of the top-level `x-rate-limits` extension. */
export interface RateLimits {
  headers: 'draft-6';
  keyedBy: 'ip';
  defaultPolicy: string;
  policies: Record<string, RateLimitPolicy>;
}

/** The token rules of the top-level `x-auth` extension. */
export interface AuthRules {
  scheme: 'Bearer';
  accessToken: {
    format: 'JWT';
    algorithm: string;
    issuer: string;
    audience: string;
    claims: string[];
    ttlSeconds: number;
  };
  refreshToken: { format: 'opaque'; ttlSeconds: number; rotation: boolean; reuseRevokesFamily: boolean };
  queryTokenParameter: string;
}

/** What an upload operation accepts: the multipart field, content types and largest size. */
export interface UploadRules {
  operationId: string;
  field: string;
  contentTypes: string[];
  maxFileSizeBytes: number;
}

/** Everything the contract declares in `x-` extensions, read once and typed. */
export interface ContractExtensions {
  cors: CorsPolicy;
  rateLimits: RateLimits;
  auth: AuthRules;
  uploads: UploadRules[];
}

function required<T>(value: T | undefined, where: string): T {
  if (value === undefined || value === null) throw new Error(`openapi.yaml: ${where} is missing`);
  return value;
}

/**
 * Reads the contract's extensions. Throws naming the missing extension, so that a spec edit that
 * drops one fails at start instead of silently turning a policy off.
 */
export function readExtensions(document: OpenApiDocument): ContractExtensions {
  const doc = document as OpenApiDocument & Record<string, unknown>;
  const cors = required(doc['x-cors'] as CorsPolicy | undefined, 'x-cors');
  const rateLimits = required(doc['x-rate-limits'] as RateLimits | undefined, 'x-rate-limits');
  const auth = required(doc['x-auth'] as AuthRules | undefined, 'x-auth');
  required(
    rateLimits.policies[rateLimits.defaultPolicy],
    `x-rate-limits.policies.${rateLimits.defaultPolicy}`,
  );
  return { cors, rateLimits, auth, uploads: readUploads(document) };
}

function readUploads(document: OpenApiDocument): UploadRules[] {
  const uploads: UploadRules[] = [];
  for (const op of listOperations(document)) {
    const body = op.operation.requestBody as OpenAPIV3.RequestBodyObject | undefined;
    const media = body?.content?.['multipart/form-data'] as
      | (OpenAPIV3.MediaTypeObject & Record<string, unknown>)
      | undefined;
    if (!media) continue;
    const where = `${op.operationId} multipart/form-data`;
    const [field, encoding] = required(Object.entries(media.encoding ?? {})[0], `${where} encoding`);
    uploads.push({
      operationId: op.operationId,
      field,
      contentTypes: required(encoding.contentType, `${where} encoding.${field}.contentType`)
        .split(',')
        .map((t) => t.trim()),
      maxFileSizeBytes: required(media['x-max-file-size'] as number | undefined, `${where} x-max-file-size`),
    });
  }
  return uploads;
}

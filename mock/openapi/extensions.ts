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
  /** The realm of `WWW-Authenticate` challenges; the access token's issuer when unset. */
  realm?: string;
  /** The Bearer challenge of a refused token (RFC 6750 section 3): its realm, error and whether it says why. */
  challenge?: { realm?: string; error?: string; errorDescription?: boolean };
  accessToken: {
    format: 'JWT';
    algorithm: string;
    issuer: string;
    audience: string;
    claims: string[];
    ttlSeconds: number;
  };
  refreshToken: {
    format: 'opaque';
    ttlSeconds: number;
    rotation: boolean;
    reuseRevokesFamily: boolean;
    /** The problem code of a refused refresh token. */
    refusal?: string;
  };
  queryTokenParameter: string;
  /** The problem code of a refused access token, by why: missing, invalid, expired, revoked. */
  refusals?: Record<string, string>;
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
  /** Undefined when the contract declares no `x-rate-limits`: nothing is limited. */
  rateLimits: RateLimits | undefined;
  auth: AuthRules;
  /** False when the contract has no `x-auth`: a protected operation wants a credential, any one. */
  authDeclared: boolean;
  uploads: UploadRules[];
}

/**
 * Development-friendly CORS for a contract without `x-cors`: Vite's and other dev servers' usual
 * origins, every method and the headers browsers send.
 */
export const DEFAULT_CORS: CorsPolicy = {
  allowedOrigins: [
    'http://localhost:5173',
    'http://127.0.0.1:5173',
    'http://localhost:3000',
    'http://localhost:8080',
  ],
  productionOriginsEnv: 'CORS_ORIGINS',
  allowedMethods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
  allowedHeaders: ['Authorization', 'Content-Type', 'Accept', 'Prefer', 'X-Request-Id'],
  exposedHeaders: ['Location', 'X-Request-Id', 'Retry-After'],
  allowCredentials: false,
  maxAgeSeconds: 600,
};

/** Token rules for a contract without `x-auth`: the mock's tokens are HS256 JWTs of an hour. */
const DEFAULT_AUTH: AuthRules = {
  scheme: 'Bearer',
  accessToken: {
    format: 'JWT',
    algorithm: 'HS256',
    issuer: 'mock',
    audience: 'mock',
    claims: ['sub'],
    ttlSeconds: 3600,
  },
  refreshToken: { format: 'opaque', ttlSeconds: 86_400, rotation: true, reuseRevokesFamily: true },
  queryTokenParameter: 'token',
};

function required<T>(value: T | undefined, where: string, source: string): T {
  if (value === undefined || value === null) throw new Error(`${source}: ${where} is missing`);
  return value;
}

/**
 * Reads the contract's extensions. Each is optional: without `x-cors` CORS is development-friendly,
 * without `x-rate-limits` nothing is limited, without `x-auth` any credential passes. One that is
 * there but incomplete throws naming the file and the missing part, so that a typo fails at start
 * instead of silently turning a policy off.
 */
export function readExtensions(document: OpenApiDocument, source = 'openapi.yaml'): ContractExtensions {
  const doc = document as OpenApiDocument & Record<string, unknown>;
  const cors = (doc['x-cors'] as CorsPolicy | undefined) ?? DEFAULT_CORS;
  const rateLimits = doc['x-rate-limits'] as RateLimits | undefined;
  const auth = doc['x-auth'] as AuthRules | undefined;
  if (rateLimits)
    required(
      rateLimits.policies?.[rateLimits.defaultPolicy],
      `x-rate-limits.policies.${rateLimits.defaultPolicy}`,
      source,
    );
  return {
    cors,
    rateLimits,
    auth: auth ?? DEFAULT_AUTH,
    authDeclared: auth !== undefined,
    uploads: readUploads(document, source),
  };
}

function readUploads(document: OpenApiDocument, source: string): UploadRules[] {
  const uploads: UploadRules[] = [];
  for (const op of listOperations(document)) {
    const body = op.operation.requestBody as OpenAPIV3.RequestBodyObject | undefined;
    const media = body?.content?.['multipart/form-data'] as
      | (OpenAPIV3.MediaTypeObject & Record<string, unknown>)
      | undefined;
    if (!media) continue;
    // A multipart body without an upload limit is an ordinary form: nothing to enforce.
    const max = media['x-max-file-size'] as number | undefined;
    if (max === undefined) continue;
    const where = `${op.operationId} multipart/form-data`;
    const [field, encoding] = required(Object.entries(media.encoding ?? {})[0], `${where} encoding`, source);
    uploads.push({
      operationId: op.operationId,
      field,
      contentTypes: required(encoding.contentType, `${where} encoding.${field}.contentType`, source)
        .split(',')
        .map((t) => t.trim()),
      maxFileSizeBytes: max,
    });
  }
  return uploads;
}

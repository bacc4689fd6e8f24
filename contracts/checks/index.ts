import { contentTypeConformance } from './content-type-conformance.ts';
import { cors } from './cors.ts';
import { ensureResourceAvailability } from './ensure-resource-availability.ts';
import { ignoredAuth } from './ignored-auth.ts';
import { negativeDataRejection } from './negative-data-rejection.ts';
import { notAServerError } from './not-a-server-error.ts';
import { paginationAndFilters } from './pagination-and-filters.ts';
import { positiveDataAcceptance } from './positive-data-acceptance.ts';
import { rateLimit } from './rate-limit.ts';
import { realtime } from './realtime.ts';
import { responseHeadersConformance } from './response-headers-conformance.ts';
import { responseSchemaConformance } from './response-schema-conformance.ts';
import { statusCodeConformance } from './status-code-conformance.ts';
import { tokenExpiry } from './token-expiry.ts';
import { tokenLifecycle } from './token-lifecycle.ts';
import type { Check } from './types.ts';
import { uploadLimits } from './upload-limits.ts';
import { useAfterFree } from './use-after-free.ts';

/**
 * Every generic check, by name, in the order they run (a profile's checks join them: profile.ts). Checks that send their own requests come first;
 * the checks that judge every answer of the run (`*_conformance`, `not_a_server_error`, the data
 * checks) come last, so that they see the requests of all the others too.
 */
export const CHECKS: Check[] = [
  ensureResourceAvailability,
  useAfterFree,
  ignoredAuth,
  paginationAndFilters,
  cors,
  uploadLimits,
  tokenLifecycle,
  realtime,
  rateLimit,
  // Last of the checks that send: its token's lifetime runs out while the others work (expiry-clock.ts).
  tokenExpiry,
  positiveDataAcceptance,
  negativeDataRejection,
  notAServerError,
  statusCodeConformance,
  contentTypeConformance,
  responseSchemaConformance,
  responseHeadersConformance,
];

export const CHECK_NAMES = CHECKS.map((c) => c.name);

/** One error detail of swagger-parser's schema validation, as `spec-problems.ts` reads it. */
export interface SchemaErrorDetail {
  instancePath?: string;
  keyword?: string;
  message?: string;
  params?: { allowedValues?: unknown[]; missingProperty?: string; unevaluatedProperty?: string };
}

/**
 * A known bug of a validator's meta-schema: given where a detail points (the value written there),
 * the warning to give instead of a refusal, or undefined when the detail is a real problem.
 */
type ValidatorBug = (detail: SchemaErrorDetail, value: unknown) => string | undefined;

/**
 * The bugs of the meta-schemas swagger-parser bundles that refuse valid documents. A document they
 * refuse starts with a warning (issue #18: OAI's own 3.1 example writes `scheme: Bearer`).
 */
export const VALIDATOR_BUGS: ValidatorBug[] = [
  // The OpenAPI 3.1 schema allows `bearerFormat` only under `if: { scheme: { const: bearer } }`,
  // a case-sensitive compare, while HTTP authentication schemes are case-insensitive (RFC 9110,
  // section 11.1): `scheme: Bearer` with a `bearerFormat` fails its `if`/`else` and its
  // `unevaluatedProperties`.
  (detail, value) => {
    const scheme = (value as { type?: unknown; scheme?: unknown } | undefined) ?? {};
    const bearerLike =
      scheme.type === 'http' &&
      typeof scheme.scheme === 'string' &&
      scheme.scheme !== 'bearer' &&
      scheme.scheme.toLowerCase() === 'bearer';
    const symptom =
      detail.keyword === 'if' ||
      (detail.keyword === 'unevaluatedProperties' && detail.params?.unevaluatedProperty === 'bearerFormat');
    return bearerLike && symptom
      ? `scheme ${JSON.stringify(scheme.scheme)} is refused by the OpenAPI 3.1 schema swagger-parser bundles, which compares it case-sensitively; HTTP authentication schemes are case-insensitive, so it is served as bearer`
      : undefined;
  },
];

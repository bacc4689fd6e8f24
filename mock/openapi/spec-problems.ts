import type { OpenApiDocument } from './load-spec.ts';
import { type SchemaErrorDetail, VALIDATOR_BUGS } from './validator-bugs.ts';

/** A contract that fails validation against the OpenAPI schema, with each problem on a line of its own. */
export class InvalidSpecError extends Error {
  /** `hint` ends the message: what the reader can do about it. */
  constructor(
    readonly path: string,
    readonly problems: string[],
    hint?: string,
  ) {
    super(
      `${path} is not a valid OpenAPI document (${problems.length} ${problems.length === 1 ? 'error' : 'errors'}):\n` +
        problems.map((p) => `  - ${p}`).join('\n') +
        (hint ? `\n${hint}` : ''),
    );
    this.name = 'InvalidSpecError';
  }
}

/**
 * swagger-parser's validation error as one line per real problem. It validates the document with
 * its `$ref`s resolved, so one typo in a shared schema is reported at every place that uses it,
 * each time with the `oneOf` and "must have $ref" noise of the alternatives it did not match.
 * Each problem is traced back through the `$ref`s to where it is written, and said once, with the
 * value found there.
 */
export function specProblems(raw: OpenApiDocument, error: unknown): string[] {
  return sortSpecProblems(raw, error).problems;
}

/**
 * The same lines, parted: `problems` refuse the document, `warnings` are details that only a known
 * bug of the validator's meta-schema reports (mock/openapi/validator-bugs.ts), so the document starts.
 */
export function sortSpecProblems(
  raw: OpenApiDocument,
  error: unknown,
): { problems: string[]; warnings: string[] } {
  const details = (error as { details?: SchemaErrorDetail[] }).details;
  if (!Array.isArray(details) || details.length === 0)
    return {
      problems: [
        String((error as Error)?.message ?? error)
          .replace(/\s+/g, ' ')
          .trim(),
      ],
      warnings: [],
    };
  const problems = new Set<string>();
  const warnings = new Set<string>();
  for (const detail of details) {
    if (detail.keyword === 'oneOf' || detail.keyword === 'anyOf') continue;
    if (detail.keyword === 'required' && detail.params?.missingProperty === '$ref') continue;
    const { pointer, value } = locate(raw, detail.instancePath ?? '');
    const bug = VALIDATOR_BUGS.map((known) => known(detail, value)).find(Boolean);
    if (bug) {
      warnings.add(`#${pointer}: ${bug}`);
      continue;
    }
    const allowed = detail.params?.allowedValues ? ` (${detail.params.allowedValues.join(', ')})` : '';
    const found = value !== undefined && typeof value !== 'object' ? `, not ${JSON.stringify(value)}` : '';
    problems.add(`#${pointer} ${detail.message ?? 'is not valid'}${allowed}${found}`);
  }
  if (problems.size === 0 && warnings.size === 0) problems.add(String((error as Error).message));
  return { problems: [...problems], warnings: [...warnings] };
}

/** Walks a JSON Pointer through the raw document, following local `$ref`s to where they point. */
function locate(raw: unknown, instancePath: string): { pointer: string; value: unknown } {
  let pointer: string[] = [];
  let node: unknown = raw;
  const follow = () => {
    for (let hops = 0; hops < 20; hops++) {
      const ref = (node as { $ref?: unknown } | null)?.$ref;
      if (typeof node !== 'object' || node === null || typeof ref !== 'string' || !ref.startsWith('#/'))
        return;
      pointer = ref.slice(2).split('/');
      node = pointer.reduce<unknown>(
        (at, key) => (at as Record<string, unknown> | undefined)?.[decodeKey(key)],
        raw,
      );
    }
  };
  for (const key of instancePath.split('/').slice(1)) {
    follow();
    pointer.push(key);
    node = (node as Record<string, unknown> | undefined)?.[decodeKey(key)];
  }
  follow();
  return { pointer: pointer.length ? `/${pointer.join('/')}` : '', value: node };
}

const decodeKey = (key: string) => key.replaceAll('~1', '/').replaceAll('~0', '~');

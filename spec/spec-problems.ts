import type { OpenApiDocument } from './load-spec.ts';

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

interface SchemaErrorDetail {
  instancePath?: string;
  keyword?: string;
  message?: string;
  params?: { allowedValues?: unknown[]; missingProperty?: string };
}

/**
 * swagger-parser's validation error as one line per real problem. It validates the document with
 * its `$ref`s resolved, so one typo in a shared schema is reported at every place that uses it,
 * each time with the `oneOf` and "must have $ref" noise of the alternatives it did not match.
 * Each problem is traced back through the `$ref`s to where it is written, and said once, with the
 * value found there.
 */
export function specProblems(raw: OpenApiDocument, error: unknown): string[] {
  const details = (error as { details?: SchemaErrorDetail[] }).details;
  if (!Array.isArray(details) || details.length === 0)
    return [
      String((error as Error)?.message ?? error)
        .replace(/\s+/g, ' ')
        .trim(),
    ];
  const problems = new Set<string>();
  for (const detail of details) {
    if (detail.keyword === 'oneOf' || detail.keyword === 'anyOf') continue;
    if (detail.keyword === 'required' && detail.params?.missingProperty === '$ref') continue;
    const { pointer, value } = locate(raw, detail.instancePath ?? '');
    const allowed = detail.params?.allowedValues ? ` (${detail.params.allowedValues.join(', ')})` : '';
    const found = value !== undefined && typeof value !== 'object' ? `, not ${JSON.stringify(value)}` : '';
    problems.add(`#${pointer} ${detail.message ?? 'is not valid'}${allowed}${found}`);
  }
  return problems.size > 0 ? [...problems] : [String((error as Error).message)];
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

import { readFile } from 'node:fs/promises';
import SwaggerParser from '@apidevtools/swagger-parser';
import type { OpenAPIV3 } from 'openapi-types';
import { checkSpecSchema } from './check-spec.ts';
import { dereferenceLocal } from './dereference-local.ts';
import { CACHE_DIR, OPENAPI_PATH } from './paths.ts';
import { parseJson, parseYaml } from './read-yaml.ts';

export type OpenApiDocument = OpenAPIV3.Document;

/** A loaded contract: the raw document (with `$ref`s, as written) and its dereferenced twin. */
export interface LoadedSpec {
  path: string;
  readonly raw: OpenApiDocument;
  document: OpenApiDocument;
}

/**
 * A contract read and parsed, not yet dereferenced: `raw` is the document as written, `text` the
 * same as JSON (the file's own text when it is JSON), from which `raw` can be read again.
 */
export interface SpecSource {
  path: string;
  text: string;
  raw: OpenApiDocument;
}

/**
 * Reads, validates and dereferences an OpenAPI document. Validation failures throw with every
 * problem (`details`, as spec-problems.ts reads them): a broken contract is a programmer error,
 * not a runtime condition. `validate: false` only reads and dereferences; the mock's start checks
 * between the two steps, once per content (validate-once.ts).
 */
export async function loadSpec(
  path: string = OPENAPI_PATH,
  options: { validate?: boolean } = {},
): Promise<LoadedSpec> {
  const source = await readSpec(path);
  if (options.validate !== false) await checkSpec(source);
  return dereferenceSpec(source);
}

/** Reads and parses a contract (YAML or JSON), keeping its text as JSON. */
export async function readSpec(path: string = OPENAPI_PATH, cacheDir = CACHE_DIR): Promise<SpecSource> {
  const text = await readFile(path, 'utf8');
  const json = parseJson(text) as OpenApiDocument | undefined;
  if (json !== undefined) return { path, raw: json, text };
  // YAML is kept as JSON too, so that `raw` is read again with JSON.parse.
  const raw = (await parseYaml(text, path, cacheDir)) as OpenApiDocument;
  return { path, raw, text: JSON.stringify(raw) };
}

/**
 * Checks a read contract against the OpenAPI schema of its version, as written (check-spec.ts). A
 * document with a `$ref` to another file or a URL is validated by swagger-parser instead, which
 * resolves them, so what those files hold is checked too.
 */
export async function checkSpec(source: SpecSource): Promise<void> {
  if (EXTERNAL_REF.test(source.text))
    await SwaggerParser.validate(source.path, JSON.parse(source.text) as OpenApiDocument, {});
  else checkSpecSchema(source.raw);
}

// A `$ref` whose value does not start with `#`, in JSON text.
const EXTERNAL_REF = /"\$ref"\s*:\s*"(?!#)/;

/**
 * Dereferences a read contract in place: its `raw` becomes the `document`, and `raw` is read again
 * from the text on first use (the docs page, a problem's location), so a start holds one copy of
 * a large document, not two (GitHub's: about 45 MB of heap each). A document with only local
 * `$ref`s is dereferenced by our own walk (dereference-local.ts, the browser's): the same shared
 * objects as json-schema-ref-parser makes, five times faster on GitHub's 13 MB description (0.4 s
 * against 2 s). A `$ref` to another file or a URL goes to swagger-parser, which resolves them.
 */
export async function dereferenceSpec(source: SpecSource): Promise<LoadedSpec> {
  let document: OpenApiDocument;
  try {
    document = dereferenceLocal(source.raw);
  } catch {
    // The walk stopped part-way through `raw`: swagger-parser starts again from the text.
    document = (await SwaggerParser.dereference(source.path, JSON.parse(source.text), {})) as OpenApiDocument;
  }
  let raw: OpenApiDocument | undefined;
  return {
    path: source.path,
    document,
    get raw() {
      raw ??= JSON.parse(source.text) as OpenApiDocument;
      return raw;
    },
  };
}

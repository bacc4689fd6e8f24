import SwaggerParser from '@apidevtools/swagger-parser';
import type { OpenAPIV3 } from 'openapi-types';
import { OPENAPI_PATH } from './paths.ts';
import { readYaml } from './read-yaml.ts';

export type OpenApiDocument = OpenAPIV3.Document;

/** A loaded contract: the raw document (with `$ref`s, as written) and its dereferenced twin. */
export interface LoadedSpec {
  path: string;
  raw: OpenApiDocument;
  document: OpenApiDocument;
}

/**
 * Reads, validates and dereferences an OpenAPI document. Validation failures throw with
 * swagger-parser's message: a broken contract is a programmer error, not a runtime condition.
 * The raw copy is kept apart because dereferencing mutates the object it is given.
 *
 * `validate: false` only dereferences (a tenth of the time): for a start that must be quick, with
 * `validateSpec` run afterwards.
 */
export async function loadSpec(
  path: string = OPENAPI_PATH,
  options: { validate?: boolean } = {},
): Promise<LoadedSpec> {
  const raw = (await readYaml(path)) as OpenApiDocument;
  const copy = structuredClone(raw);
  // validate() checks the document against the OpenAPI 3.0 schema and answers it dereferenced.
  const document = (
    options.validate === false ? await SwaggerParser.dereference(copy) : await SwaggerParser.validate(copy)
  ) as OpenApiDocument;
  return { path, raw, document };
}

/** Validates a loaded contract against the OpenAPI 3.0 schema; throws swagger-parser's message. */
export async function validateSpec(spec: LoadedSpec): Promise<void> {
  await SwaggerParser.validate(structuredClone(spec.raw));
}

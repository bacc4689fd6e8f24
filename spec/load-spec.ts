import { readFile } from 'node:fs/promises';
import SwaggerParser from '@apidevtools/swagger-parser';
import type { OpenAPIV3 } from 'openapi-types';
import { parse as parseYaml } from 'yaml';
import { OPENAPI_PATH } from './paths.ts';

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
 */
export async function loadSpec(path: string = OPENAPI_PATH): Promise<LoadedSpec> {
  const text = await readFile(path, 'utf8');
  const raw = parseYaml(text) as OpenApiDocument;
  // validate() checks the document against the OpenAPI 3.0 schema and answers it dereferenced.
  const document = (await SwaggerParser.validate(structuredClone(raw))) as OpenApiDocument;
  return { path, raw, document };
}

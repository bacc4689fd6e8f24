import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import SwaggerParser from '@apidevtools/swagger-parser';
import type { OpenAPIV3 } from 'openapi-types';
import type { LoadedAsyncApi } from '../../mock/openapi/load-asyncapi.ts';
import { type LoadedSpec, loadSpec, type OpenApiDocument } from '../../mock/openapi/load-spec.ts';
import { HTTP_METHODS, listOperations, type SpecOperation } from '../../mock/openapi/operations.ts';
import { OPENAPI_PATH } from '../../mock/openapi/paths.ts';
import { SchemaValidator } from '../../mock/openapi/schema-validator.ts';
import { readAsyncMessages } from './read-async-messages.ts';
import { type RunnerExtensions, readRunnerExtensions } from './read-extensions.ts';

/** Everything the runner reads from the contract, loaded once per run. */
export interface Contract {
  spec: LoadedSpec;
  operations: SpecOperation[];
  byId: Map<string, SpecOperation>;
  extensions: RunnerExtensions;
  validator: SchemaValidator;
  /** The AsyncAPI document of the real-time channel, or undefined when the spec has none. */
  asyncApiPath: string | undefined;
  /** asyncapi.yaml, parsed on first use: only the realtime check needs it. */
  asyncApi(): Promise<LoadedAsyncApi>;
}

/**
 * Loads an OpenAPI document (a file or an http(s) URL; the project's openapi.yaml by default) and
 * the AsyncAPI document of its real-time channel: the one given, else an `asyncapi.yaml` beside a
 * spec file, else none. Operations without an operationId get one from their method and path, so
 * that any spec can be selected with --only and reported by operation.
 */
export async function loadContract(paths: { openapi?: string; asyncapi?: string } = {}): Promise<Contract> {
  const source = paths.openapi ?? OPENAPI_PATH;
  const spec = /^https?:\/\//.test(source) ? await loadSpecFromUrl(source) : await loadSpec(source);
  nameOperations(spec.document);
  const operations = listOperations(spec.document);
  const beside = /^https?:\/\//.test(source) ? undefined : join(dirname(source), 'asyncapi.yaml');
  const asyncApiPath = paths.asyncapi ?? (beside && existsSync(beside) ? beside : undefined);
  let asyncApi: Promise<LoadedAsyncApi> | undefined;
  return {
    spec,
    operations,
    byId: new Map(operations.map((op) => [op.operationId, op])),
    extensions: readRunnerExtensions(spec.document, operations),
    validator: new SchemaValidator(),
    asyncApiPath,
    asyncApi: () => {
      if (!asyncApiPath) throw new Error('the contract has no AsyncAPI document');
      // Read on first use, by the realtime check only; the messages alone (read-async-messages.ts).
      asyncApi ??= readAsyncMessages(asyncApiPath);
      return asyncApi;
    },
  };
}

async function loadSpecFromUrl(url: string): Promise<LoadedSpec> {
  const raw = (await SwaggerParser.parse(url)) as OpenApiDocument;
  const document = (await SwaggerParser.validate(url)) as OpenApiDocument;
  return { path: url, raw, document };
}

/** Gives every operation without an operationId one: `get /pets/{id}` becomes `getPetsById`. */
function nameOperations(document: OpenApiDocument): void {
  for (const [path, item] of Object.entries(document.paths ?? {}))
    for (const method of HTTP_METHODS) {
      const op = item?.[method] as OpenAPIV3.OperationObject | undefined;
      if (op && !op.operationId) op.operationId = operationName(method, path);
    }
}

export function operationName(method: string, path: string): string {
  const words = path
    .split('/')
    .filter(Boolean)
    .map((segment) => segment.replace(/^\{(.+)\}$/, 'by-$1'))
    .join('-')
    .split(/[^a-zA-Z0-9]+/)
    .filter(Boolean);
  return method + words.map((w) => w[0]?.toUpperCase() + w.slice(1)).join('');
}

/** The operation of this id; throws naming it, since checks only ask for ids the spec has. */
export function operation(contract: Contract, operationId: string): SpecOperation {
  const op = contract.byId.get(operationId);
  if (!op) throw new Error(`The spec has no operation ${operationId}`);
  return op;
}

import { OpenAPISchemaParser } from '@asyncapi/openapi-schema-parser';
import { fromFile, Parser } from '@asyncapi/parser';
import { ASYNCAPI_PATH } from './paths.ts';

/** One message of the real-time channel: its name (`call.created`) and payload schema. */
export interface AsyncMessage {
  name: string;
  /** The payload as an OpenAPI 3.0 schema object, dereferenced (openapi.yaml's schemas inlined). */
  payload: object;
  /** Example payloads given in asyncapi.yaml. */
  examples: unknown[];
}

export interface LoadedAsyncApi {
  messages: Map<string, AsyncMessage>;
  /** Everything the parser reported, errors and hints alike. */
  diagnostics: { severity: number; code: string | number; message: string; path: string }[];
}

/**
 * Parses asyncapi.yaml with the AsyncAPI parser, which validates it and resolves its `$ref`s into
 * openapi.yaml. Throws when the document has errors (severity 0).
 */
export async function loadAsyncApi(path: string = ASYNCAPI_PATH): Promise<LoadedAsyncApi> {
  const parser = new Parser();
  parser.registerSchemaParser(OpenAPISchemaParser());
  const { document, diagnostics } = await fromFile(parser, path).parse();
  const reported = diagnostics.map((d) => ({
    severity: d.severity as number,
    code: d.code,
    message: d.message,
    path: d.path.join('.'),
  }));
  if (!document) {
    const errors = reported.filter((d) => d.severity === 0).map((d) => `${d.path}: ${d.message}`);
    throw new Error(`asyncapi.yaml is not valid:\n${errors.join('\n')}`);
  }
  const messages = new Map<string, AsyncMessage>();
  for (const message of document.allMessages().all()) {
    const name = message.name();
    if (!name) continue;
    const json = message.payload()?.json() as Record<string, unknown> | undefined;
    // A multi-format payload wraps its schema; the parser leaves the wrapper in place.
    const payload = (json && 'schemaFormat' in json ? json.schema : json) as object;
    const examples = message
      .examples()
      .all()
      .map((e) => e.payload());
    messages.set(name, { name, payload, examples });
  }
  return { messages, diagnostics: reported };
}

import $RefParser from '@apidevtools/json-schema-ref-parser';
import type { AsyncMessage, LoadedAsyncApi } from '../../mock/openapi/load-asyncapi.ts';

interface AsyncDocument {
  channels?: Record<string, { messages?: Record<string, RawMessage> }>;
  components?: { messages?: Record<string, RawMessage> };
}

interface RawMessage {
  name?: string;
  payload?: unknown;
  examples?: { payload?: unknown }[];
}

/**
 * The messages of an AsyncAPI document, their payloads dereferenced (`$ref`s into openapi.yaml
 * included), without the AsyncAPI parser. The parser also validates the whole document against
 * its rulesets: seconds of CPU on a busy machine, spent in the middle of a run whose every other
 * check then waits (the spec's own tests validate asyncapi.yaml; the runner only reads payloads).
 * A multi-format payload (`schemaFormat` + `schema`) answers its schema, an OpenAPI 3.0 schema
 * object, which the contract's validator reads as it reads openapi.yaml's.
 */
export async function readAsyncMessages(path: string): Promise<LoadedAsyncApi> {
  const document = (await $RefParser.dereference(path)) as AsyncDocument;
  const messages = new Map<string, AsyncMessage>();
  const add = (key: string, message: RawMessage) => {
    const name = message.name ?? key;
    if (messages.has(name)) return;
    const raw = message.payload as { schemaFormat?: unknown; schema?: unknown } | undefined;
    const payload = (raw && typeof raw === 'object' && 'schemaFormat' in raw ? raw.schema : raw) as object;
    messages.set(name, {
      name,
      payload: payload ?? {},
      examples: (message.examples ?? []).map((e) => e.payload),
    });
  };
  for (const [key, message] of Object.entries(document.components?.messages ?? {})) add(key, message);
  for (const channel of Object.values(document.channels ?? {}))
    for (const [key, message] of Object.entries(channel.messages ?? {})) add(key, message);
  return { messages, diagnostics: [] };
}

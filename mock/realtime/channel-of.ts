import { valueAt } from '../openapi/json-pointer.ts';
import type { OpenApiDocument } from '../openapi/load-spec.ts';

/** What the mock needs of asyncapi.yaml: where the socket is, and each message's payload schema. */
export interface ChannelContract {
  /** The channel's address (`/ws`), relative to the server's pathname, which is the API's base path. */
  address: string;
  /** Payload schema of each message, by message name (`call.ended`), with every `$ref` resolved. */
  messages: Map<string, object>;
}

type Node = Record<string, unknown>;

/** The channel of a parsed AsyncAPI document, its `$ref`s resolved into the dereferenced openapi. */
export function channelOf(document: Record<string, unknown>, openapi: OpenApiDocument): ChannelContract {
  const channels = Object.entries((document.channels ?? {}) as Record<string, Node>);
  const [name, channel] = channels[0] ?? [];
  if (channels.length !== 1 || typeof channel?.address !== 'string')
    throw new Error(`asyncapi.yaml must have one channel with an address; found ${name ?? 'none'}`);
  const resolve = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(resolve);
    if (!node || typeof node !== 'object') return node;
    const ref = (node as Node).$ref;
    if (typeof ref === 'string') {
      const [file, pointer = ''] = ref.split('#');
      if (!file) return resolve(at(document, pointer, ref));
      if (file.split('/').pop() === 'openapi.yaml') return at(openapi as unknown as Node, pointer, ref);
      throw new Error(`asyncapi.yaml: cannot resolve ${ref}`);
    }
    return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, resolve(value)]));
  };
  const messages = new Map<string, object>();
  const components = ((document.components as Node | undefined)?.messages ?? {}) as Record<string, Node>;
  for (const [key, message] of Object.entries(components)) {
    const payload = message.payload as Node | undefined;
    // A payload with a schemaFormat wraps its schema (AsyncAPI 3 multi-format schema).
    const schema = payload && 'schemaFormat' in payload ? payload.schema : payload;
    if (!schema) throw new Error(`asyncapi.yaml: message ${key} has no payload`);
    messages.set(typeof message.name === 'string' ? message.name : key, resolve(schema) as object);
  }
  return { address: channel.address, messages };
}

/** The value at a JSON Pointer of one of the documents, or the error that names the `$ref`. */
function at(root: Node, pointer: string, ref: string): unknown {
  const node = valueAt(root, pointer);
  if (node === undefined) throw new Error(`asyncapi.yaml: ${ref} points at nothing`);
  return node;
}

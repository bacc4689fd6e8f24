import { HttpProblem } from '../http/problem.ts';
import { type BodySource, BodyTooLarge } from './exchange.ts';

/** The largest JSON body taken (before and after inflating); more is 413. */
export const JSON_LIMIT = 1_048_576;

/**
 * Reads a JSON request body for an operation that takes one: the bytes (at most JSON_LIMIT),
 * inflated per `Content-Encoding` (gzip, deflate; identity), decoded per the charset (UTF-8 and the
 * other UTF encodings; anything else is 415), parsed as any JSON value (a string or number is
 * refused later by the schema, not mistaken for malformed JSON). Undefined for an empty body.
 * Written for the core rather than taken from body-parser, which reads only Node's streams: the
 * same reader serves a browser, where the Web's DecompressionStream and TextDecoder do the work.
 */
export async function readJsonBody(
  source: BodySource,
  headers: Record<string, string | string[] | undefined>,
): Promise<unknown> {
  const declared = Number(headers['content-length']);
  if (declared > JSON_LIMIT) throw tooLarge();
  let bytes = await source.bytes(JSON_LIMIT).catch(rethrowTooLarge);
  if (bytes.length === 0) return undefined;
  const encoding = headers['content-encoding'];
  // Most bodies are sent as they are: no turn of the event loop for an inflate that does nothing.
  if (encoding !== undefined) {
    bytes = await inflate(bytes, String(encoding).toLowerCase().trim());
    if (bytes.length === 0) return undefined;
  }
  const text = decode(bytes, charsetOf(String(headers['content-type'] ?? '')));
  try {
    return JSON.parse(text);
  } catch {
    throw new HttpProblem('malformed_json', 'The body is not valid JSON.');
  }
}

const tooLarge = () => new HttpProblem('payload_too_large', `The body may be at most ${JSON_LIMIT} bytes.`);

function rethrowTooLarge(error: unknown): never {
  throw error instanceof BodyTooLarge ? tooLarge() : error;
}

async function inflate(bytes: Uint8Array, encoding: string): Promise<Uint8Array> {
  if (encoding === 'identity' || encoding === '') return bytes;
  if (encoding !== 'gzip' && encoding !== 'deflate' && encoding !== 'x-gzip')
    throw new HttpProblem('unsupported_media_type', `The content encoding "${encoding}" is not supported.`);
  const format = encoding === 'deflate' ? 'deflate' : 'gzip';
  try {
    const stream = new Blob([bytes as unknown as ArrayBuffer])
      .stream()
      .pipeThrough(new DecompressionStream(format));
    const chunks: Uint8Array[] = [];
    let size = 0;
    for await (const chunk of stream as unknown as AsyncIterable<Uint8Array>) {
      size += chunk.length;
      // A small bomb must not inflate into memory past the limit.
      if (size > JSON_LIMIT) throw tooLarge();
      chunks.push(chunk);
    }
    return concat(chunks, size);
  } catch (error) {
    if (error instanceof HttpProblem) throw error;
    throw new HttpProblem('malformed_json', `The body is not valid ${format} data.`);
  }
}

function charsetOf(mediaType: string): string {
  return /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(mediaType)?.[1]?.toLowerCase() ?? 'utf-8';
}

/** A decoder per UTF charset asked for, made once: decoding keeps no state between bodies. */
const DECODERS = new Map<string, InstanceType<typeof TextDecoder>>();

function decode(bytes: Uint8Array, charset: string): string {
  if (!charset.startsWith('utf-'))
    throw new HttpProblem('unsupported_media_type', 'The body must be UTF-8 JSON.');
  try {
    let decoder = DECODERS.get(charset);
    if (!decoder) {
      decoder = new TextDecoder(charset);
      // Only labels TextDecoder knows get here (it throws on others), so the map stays small.
      DECODERS.set(charset, decoder);
    }
    return decoder.decode(bytes);
  } catch {
    throw new HttpProblem('unsupported_media_type', 'The body must be UTF-8 JSON.');
  }
}

/** Chunks as one array of `size` bytes. */
export function concat(chunks: Uint8Array[], size: number): Uint8Array {
  if (chunks.length === 1) return chunks[0] as Uint8Array;
  const all = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    all.set(chunk, at);
    at += chunk.length;
  }
  return all;
}

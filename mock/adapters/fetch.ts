import type { BodySource, CoreResponse } from '../core/exchange.ts';
import { BodyTooLarge } from '../core/exchange.ts';
import type { HandleRequest } from '../core/handle-request.ts';
import { concat } from '../core/read-body.ts';

/** What a Response is made from (the DOM's BodyInit, without the DOM library). */
type ResponseBody = ConstructorParameters<typeof Response>[0];

export interface FetchAdapterOptions {
  /** A Node stream of a WHATWG body, for hosts whose uploads stream to disk (in-process in Node). */
  toStream?(body: ReadableStream<Uint8Array>): unknown;
  /** Reads a kept file the core answers with (a server's disk); a page keeps files in memory. */
  readFile?(path: string): Promise<Uint8Array>;
  /** Who the requests come from, for rate limits. */
  client?: string;
}

/**
 * The mock as a fetch handler, `(Request) => Promise<Response>`: what MSW calls in Node and in a
 * browser's service worker, and what in-process tests call. A WHATWG Request handed to the core,
 * the core's answered turned into a Response. Nothing else.
 */
export function fetchHandler(
  handle: HandleRequest,
  options: FetchAdapterOptions = {},
): (request: Request) => Promise<Response> {
  return async (request) => {
    const url = new URL(request.url);
    const headers: Record<string, string> = {};
    request.headers.forEach((value, name) => {
      headers[name] = value;
    });
    // A WHATWG Request keeps its length to itself: the core tells "no body" by the headers, as Node's.
    if (request.body && headers['content-length'] === undefined) headers['transfer-encoding'] = 'chunked';
    const answered = await handle({
      method: request.method,
      url: url.pathname + url.search,
      headers,
      client: options.client ?? 'in-process',
      body: fetchBody(request, options),
    });
    return toResponse(answered, request.method === 'HEAD', options);
  };
}

function fetchBody(request: Request, options: FetchAdapterOptions): BodySource {
  return {
    async bytes(limit) {
      if (!request.body) return new Uint8Array(0);
      // A reader rather than `for await`: not every browser iterates a ReadableStream.
      const reader = request.body.getReader();
      const chunks: Uint8Array[] = [];
      let size = 0;
      for (let read = await reader.read(); !read.done; read = await reader.read()) {
        size += read.value.length;
        if (size > limit) {
          await reader.cancel();
          throw new BodyTooLarge(limit);
        }
        chunks.push(read.value);
      }
      return concat(chunks, size);
    },
    ...(options.toStream
      ? { stream: () => (request.body ? options.toStream?.(request.body) : undefined) }
      : { form: () => request.formData() as Promise<FormData> }),
  };
}

async function toResponse(
  answered: CoreResponse,
  head: boolean,
  options: FetchAdapterOptions,
): Promise<Response> {
  const empty = head || answered.status === 204 || answered.status === 304;
  let body: Uint8Array | undefined = answered.body;
  if (answered.file && !empty) {
    if (!options.readFile) throw new Error('a kept file can only be sent where the host can read it');
    body = await options.readFile(answered.file.path);
  }
  return new Response(empty || body === undefined ? null : (body as ResponseBody), {
    status: answered.status,
    headers: answered.headers,
  });
}

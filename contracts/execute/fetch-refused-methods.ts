import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';

/**
 * The methods the Fetch standard forbids (fetch throws "'TRACE' HTTP method is unsupported" before
 * anything is sent). OpenAPI documents TRACE like any other operation (httpbin's `/anything` does),
 * so the runner needs another way to send it: without one, its own refusal would read as the
 * backend's dropped connection.
 */
export const FETCH_REFUSED_METHODS = new Set(['CONNECT', 'TRACE', 'TRACK']);

/**
 * A fetch-shaped sender over node:http(s), for the methods fetch refuses: the same call and the
 * same Response as fetch, so the HTTP client records, times and judges the exchange the same way.
 * It takes string and byte bodies (what the client sends outside a form), honours the signal, and
 * never follows a redirect (the client asks fetch for `redirect: 'manual'` too).
 */
export const sendOverNodeHttp: typeof globalThis.fetch = (input, init = {}) => {
  const url = new URL(input instanceof Request ? input.url : String(input));
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  const headers = Object.fromEntries(new Headers(init.headers).entries());
  const body = init.body;
  if (body !== undefined && body !== null && typeof body !== 'string' && !(body instanceof Uint8Array))
    return Promise.reject(
      new TypeError(`sendOverNodeHttp sends string and byte bodies only (${init.method})`),
    );
  return new Promise<Response>((resolve, reject) => {
    const req = send(
      url,
      { method: init.method ?? 'GET', headers, ...(init.signal ? { signal: init.signal } : {}) },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          const answer = new Headers();
          for (let i = 0; i + 1 < res.rawHeaders.length; i += 2)
            answer.append(res.rawHeaders[i] as string, res.rawHeaders[i + 1] as string);
          const status = res.statusCode ?? 0;
          // Response refuses a body on these statuses, as HTTP does.
          const empty = status === 204 || status === 205 || status === 304;
          resolve(
            new Response(empty ? null : Buffer.concat(chunks), {
              status,
              statusText: res.statusMessage ?? '',
              headers: answer,
            }),
          );
        });
      },
    );
    // The same shape fetch gives (a TypeError whose cause carries the code), so that
    // describeTransportError says the same sentence for either transport.
    req.on('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.name === 'AbortError'
          ? (init.signal?.reason ?? error)
          : new TypeError('fetch failed', { cause: error }),
      ),
    );
    req.end(body ?? undefined);
  });
};

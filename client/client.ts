/**
 * A typed client of the contract, built on openapi-fetch and the generated types: the tests, the
 * contract runner and frontend developers use the same one.
 *
 * ```ts
 * const api = createApiClient({ baseUrl: 'http://localhost:3001/api' });
 * const { data } = await api.POST('/auth/login', { body: { email, password } });
 * api.setToken(data!.token);
 * const calls = await api.GET('/voip/calls', { params: { query: { status: ['completed'] } } });
 * await api.POST('/voip/file', { body: { file: input.files[0], description: 'greeting' } });
 * ```
 */
import createClient, { type Client, type Middleware } from 'openapi-fetch';
import type { paths } from '../generated/api.generated.ts';

// The package's main entry is this file: the generated types come with the client.
export type { components, operations, paths } from '../generated/api.generated.ts';

export interface ApiClientOptions {
  baseUrl: string;
  token?: string;
  fetch?: typeof globalThis.fetch;
}

export type ApiClient = Client<paths> & {
  /** Sends `Authorization: Bearer <token>` on every later request; `undefined` stops sending it. */
  setToken(token: string | undefined): void;
};

export function createApiClient(options: ApiClientOptions): ApiClient {
  let token = options.token;
  const client = createClient<paths>({
    baseUrl: options.baseUrl,
    ...(options.fetch ? { fetch: options.fetch } : {}),
    // The contract's arrays in the query (`status`) are comma-separated (style form, explode false).
    querySerializer: { array: { style: 'form', explode: false } },
    bodySerializer: serializeBody,
  });
  const auth: Middleware = {
    onRequest({ request }) {
      if (token && !request.headers.has('authorization'))
        request.headers.set('authorization', `Bearer ${token}`);
      return request;
    },
  };
  client.use(auth);
  return Object.assign(client, {
    setToken(next: string | undefined) {
      token = next;
    },
  });
}

/**
 * The body as the wire wants it. The contract's only bodies with files are multipart
 * (`format: binary` is typed `Blob | File`), so a body holding a Blob goes as FormData, for which
 * fetch writes `multipart/form-data` with its boundary; openapi-fetch then sets no Content-Type of
 * its own. Every other body is JSON. A FormData built by hand is sent as it is.
 */
export function serializeBody(body: unknown): FormData | string {
  if (body instanceof FormData) return body;
  if (!isPlainObject(body) || !Object.values(body).some(holdsBlob)) return JSON.stringify(body);
  const form = new FormData();
  for (const [name, value] of Object.entries(body)) {
    for (const item of Array.isArray(value) ? value : [value]) {
      if (item === undefined) continue;
      if (item instanceof Blob) form.append(name, item, item instanceof File ? item.name : name);
      else form.append(name, typeof item === 'object' ? JSON.stringify(item) : String(item));
    }
  }
  return form;
}

const holdsBlob = (value: unknown): boolean =>
  value instanceof Blob || (Array.isArray(value) && value.some((item) => item instanceof Blob));

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;

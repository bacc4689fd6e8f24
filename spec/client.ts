/**
 * A typed client of the contract, built on openapi-fetch and the generated types: the tests, the
 * contract runner and frontend developers use the same one.
 *
 * ```ts
 * const api = createApiClient({ baseUrl: 'http://localhost:3001/api' });
 * const { data } = await api.POST('/auth/login', { body: { email, password } });
 * api.setToken(data!.token);
 * const calls = await api.GET('/voip/calls', { params: { query: { status: ['completed'] } } });
 * ```
 */
import createClient, { type Client, type Middleware } from 'openapi-fetch';
import type { paths } from './api.generated.ts';

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

import type { AccessClaims } from '../auth/tokens.ts';

/**
 * What an operation's pipeline reads of a request, built by the core from whatever the adapter
 * handed it (mock/core/exchange.ts). Nothing here is Node's: a browser can make one.
 */
export interface MockRequest {
  method: string;
  /** The path parameters by name, as the URL spelt them. */
  params: Record<string, unknown>;
  /** The query as Node's querystring parses it: a repeated name is an array. */
  query: Record<string, unknown>;
  /** The query as the client sent it, undecoded, without the `?` (`pageSize=20`); '' for none. */
  search: string;
  /** Header names in lower case; a repeated header is an array. */
  headers: {
    authorization?: string;
    cookie?: string;
    'content-type'?: string;
    'content-length'?: string;
    'transfer-encoding'?: string;
    [name: string]: string | string[] | undefined;
  };
  /** The parsed JSON body (undefined when there is none). */
  body?: unknown;
  /** True when the body's media type is `type` (`is('application/json')`), as Express says it. */
  is(type: string): string | false | null;
  /** Whether the request carries a body (a length above 0, or chunks). */
  hasBody: boolean;
  /** The body as a Node stream, where the transport has one (uploads stream to disk from it). */
  stream?(): unknown;
  /** The body read as a FormData, where the transport parses multipart itself (a browser). */
  readForm?(): Promise<FormData | undefined>;
  /** Set by the authentication stage: the verified access token. */
  accessClaims?: AccessClaims;
}

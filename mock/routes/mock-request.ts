import type { AccessClaims } from '../auth/tokens.ts';

/**
 * What the pipeline reads of a request, whichever way it arrived: Express's request on the server
 * (it has every one of these, so the server pays no copy), or one built from a WHATWG Request by
 * the fetch answerer (MSW in the browser). Nothing here is Node's: a browser can make one.
 */
export interface MockRequest {
  method: string;
  /** The path parameters by name, as the URL spelt them. */
  params: Record<string, unknown>;
  /** The query as Node's querystring parses it: a repeated name is an array. */
  query: Record<string, unknown>;
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
  /** A multipart body already read into a FormData (the browser's); the server streams instead. */
  form?: FormData;
  /** Set by the authentication stage: the verified access token. */
  accessClaims?: AccessClaims;
}

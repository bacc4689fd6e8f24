/**
 * What the core reads of a request and answers, whatever carried it: Node's HTTP server, a WHATWG
 * Request (MSW in Node and in a browser, in-process tests) or a team's Express app. Each adapter
 * turns its own objects into a CoreRequest and writes the CoreResponse back, and does nothing else.
 */
export interface CoreRequest {
  /** Upper case, as HTTP writes it. */
  method: string;
  /** The path and query as the client sent them (`/api/qa?page=2`), not decoded. */
  url: string;
  /** Header names in lower case; a repeated header is an array (Node's own shape). */
  headers: Record<string, string | string[] | undefined>;
  body: BodySource;
  /** Who sent it (an address), for per-client rate limits. */
  client: string;
}

/** A request's body, read only when an operation takes one. */
export interface BodySource {
  /** The whole body; past `limit` bytes it stops reading and throws BodyTooLarge. */
  bytes(limit: number): Promise<Uint8Array>;
  /** The body as a Node stream, where the transport has one: uploads stream to disk from it. */
  stream?(): unknown;
  /** The body as a FormData, where the transport parses multipart itself (a browser's fetch). */
  form?(): Promise<FormData>;
}

/** Thrown by BodySource.bytes past its limit. */
export class BodyTooLarge extends Error {
  constructor(readonly limit: number) {
    super(`the body is over ${limit} bytes`);
  }
}

/** The answer, for the adapter to write. */
export interface CoreResponse {
  status: number;
  /** Header names as the mock writes them; every value already a string. */
  headers: Record<string, string>;
  /** The bytes of the body; none for 204, HEAD and bodiless answers. */
  body?: Uint8Array;
  /** A kept file to send instead of `body` (uploaded audio on a server's disk): streamed by the adapter. */
  file?: { path: string; size: number };
}

/** No body at all, as a reusable value (most requests). */
export const NO_BODY: BodySource = { bytes: async () => new Uint8Array(0) };

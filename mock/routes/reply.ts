/** What a handler answers; the pipeline validates it against the contract and sends it. */
export type Reply =
  | {
      status: number;
      body?: unknown;
      headers?: Record<string, string>;
      /** An answer with no documented status to be checked against (a collection's, or none at all). */
      unchecked?: boolean;
      /**
       * The documented media type the body was built for (`application/hal+json`), chosen by
       * `Accept`; sent as the Content-Type and checked against that media type's schema. JSON when absent.
       */
      mediaType?: string;
    }
  | { status: number; raw: { bytes: Uint8Array; mediaType: string }; headers?: Record<string, string> }
  | { status: 200; file: KeptFile; headers?: Record<string, string> };

/** A kept file to send: from a server's disk (streamed by the adapter) or from a page's memory. */
export type KeptFile = { mediaType: string; name: string } & (
  | { path: string; size(): Promise<number> }
  | { bytes: Uint8Array }
);

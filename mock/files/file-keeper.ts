import type { UploadRules } from '../openapi/extensions.ts';
import type { MockRequest } from '../routes/mock-request.ts';
import type { Reply } from '../routes/reply.ts';

/** Bytes that file-type needs to recognise every format it knows: what a sniff is given. */
export const SNIFF_BYTES = 4100;

/** Judges content from its first bytes; answers undefined for anything outside `accepted`. */
export type Sniff<K> = (head: Uint8Array, accepted: string[]) => Promise<K | undefined>;

/** An upload received whole and checked by the contract's rules, held until kept or dropped. */
export interface ReceivedUpload<K> {
  /** The client's name of the file, without any directory part or control characters. */
  name: string;
  /** The form's text fields. */
  fields: Record<string, string>;
  size: number;
  /** SHA-256 of the content, in hex. */
  digest: string;
  /** The first bytes, for formats that keep their facts in a header. */
  head: Uint8Array;
  /** What the sniff said the content is. */
  kind: K;
  /** Keeps the content under `id`. */
  keep(id: string): Promise<void>;
  /** Drops the content (a check after receiving refused it). */
  drop(): Promise<void>;
}

/**
 * Where uploaded bytes live, one file per id: a folder on the server (FolderFiles), memory in the
 * browser (MemoryFiles). Handlers reach it as `ctx.files`, so the same handler serves both.
 */
export interface FileKeeper {
  /** Where the files are, for logs and tests ('' when they are kept in memory). */
  readonly dir: string;
  /** Reads a multipart upload by `rules`; refuses with the contract's problems (413, 415, 400). */
  receive<K>(req: MockRequest, rules: UploadRules, sniff: Sniff<K>): Promise<ReceivedUpload<K>>;
  write(id: string, bytes: Uint8Array): Promise<void>;
  /** The answer that sends a kept file's bytes. */
  reply(id: string, mediaType: string, name: string): Promise<Reply>;
  remove(id: string): Promise<void>;
}

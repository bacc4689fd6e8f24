import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rename, rm, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Readable } from 'node:stream';
import busboy from 'busboy';
import { HttpProblem } from '../http/problem.ts';
import type { UploadRules } from '../openapi/extensions.ts';
import type { MockRequest } from '../routes/mock-request.ts';
import type { Reply } from '../routes/reply.ts';
import { type FileKeeper, type ReceivedUpload, SNIFF_BYTES, type Sniff } from './file-keeper.ts';
import { uploadProblems as problems, safeName } from './upload-problems.ts';

/**
 * The server's files: one per id in a folder (`MOCK_DATA_DIR`, beside MOCK_DB, or a temporary
 * one). Ids are validated UUIDs or the mock's own, so no name can escape the folder. Uploads are
 * streamed to a temporary file and renamed when kept: nothing is ever buffered whole.
 */
export class FolderFiles implements FileKeeper {
  readonly dir: string;

  /** `dir` may be relative (`MOCK_DB=state.sqlite` puts it beside the file): it is kept absolute,
   * as sending a file needs, whatever the working directory later is. */
  constructor(dir: string) {
    this.dir = resolve(dir);
  }

  private pathOf(id: string): string {
    return join(this.dir, id);
  }

  receive<K>(req: MockRequest, rules: UploadRules, sniff: Sniff<K>): Promise<ReceivedUpload<K>> {
    const body = req.stream?.() as Readable | undefined;
    if (!body) return Promise.reject(problems.notMultipart());
    return receiveStream(body, req.headers, rules, sniff, this.dir, (temp, id) =>
      rename(temp, this.pathOf(id)),
    );
  }

  write(id: string, bytes: Uint8Array): Promise<void> {
    return writeFile(this.pathOf(id), bytes);
  }

  async reply(id: string, mediaType: string, name: string): Promise<Reply> {
    const path = this.pathOf(id);
    return { status: 200, file: { path, mediaType, name, size: async () => (await stat(path)).size } };
  }

  remove(id: string): Promise<void> {
    return rm(this.pathOf(id), { force: true });
  }
}

/**
 * Streams a multipart upload to a temporary file with busboy. The size limit of the contract is
 * enforced while streaming: at the first byte past it the upload is abandoned with 413 and nothing
 * more is read. The kind is judged from the first bytes (415 at once when they are not accepted),
 * and the content is hashed on the way.
 */
function receiveStream<K>(
  req: Readable,
  headers: MockRequest['headers'],
  rules: UploadRules,
  sniff: Sniff<K>,
  dir: string,
  keep: (tempPath: string, id: string) => Promise<void>,
): Promise<ReceivedUpload<K>> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: headers as Record<string, string>,
        // busboy reports the limit when a file *reaches* fileSize; the contract refuses only larger
        // files, so a file of exactly the limit must pass: the limit is one byte more.
        limits: { files: 1, fileSize: rules.maxFileSizeBytes + 1, fields: 5, fieldSize: 4096, parts: 8 },
      });
    } catch {
      reject(problems.notMultipart());
      return;
    }
    const tempPath = join(dir, `.upload-${randomUUID()}`);
    const fields: Record<string, string> = {};
    let received: Promise<ReceivedUpload<K>> | undefined;
    let failed = false;
    const drop = () => rm(tempPath, { force: true });

    const fail = (problem: HttpProblem) => {
      if (failed) return;
      failed = true;
      req.unpipe(parser);
      // Stop reading: the client may keep sending, but nothing more is taken in.
      req.pause();
      void drop();
      reject(problem);
    };

    parser.on('field', (name, value) => {
      fields[name] = value;
    });

    parser.on('file', (field, stream, info) => {
      if (field !== rules.field) {
        stream.resume();
        return;
      }
      received = new Promise<ReceivedUpload<K>>((done, bad) => {
        const hash = createHash('SHA256');
        const out = createWriteStream(tempPath, { flags: 'wx' });
        const headChunks: Buffer[] = [];
        let headBytes = 0;
        let size = 0;
        let sniffed: Promise<K | undefined> | undefined;
        const sniffNow = () => (sniffed ??= sniff(Buffer.concat(headChunks), rules.contentTypes));
        stream.on('data', (chunk: Buffer) => {
          size += chunk.length;
          hash.update(chunk);
          if (headBytes < SNIFF_BYTES) {
            headChunks.push(chunk);
            headBytes += chunk.length;
            if (headBytes >= SNIFF_BYTES) {
              void sniffNow().then((kind) => {
                if (!kind) fail(problems.notAccepted(rules));
              });
            }
          }
        });
        stream.on('limit', () => fail(problems.tooLarge(rules)));
        stream.on('error', bad);
        out.on('error', bad);
        stream.pipe(out);
        out.on('finish', async () => {
          if (failed) return;
          const kind = await sniffNow();
          if (!kind) return fail(problems.notAccepted(rules));
          if (size === 0) return fail(problems.empty(rules));
          done({
            name: safeName(info.filename),
            fields,
            size,
            digest: hash.digest('hex'),
            head: Buffer.concat(headChunks).subarray(0, SNIFF_BYTES),
            kind,
            keep: (id) => keep(tempPath, id),
            drop,
          });
        });
      });
      received.catch((error) =>
        fail(
          error instanceof HttpProblem
            ? error
            : new HttpProblem('internal_error', 'The upload could not be stored.'),
        ),
      );
    });

    parser.on('error', () => fail(problems.malformed(rules, 'the multipart body is malformed or truncated')));
    parser.on('close', () => {
      if (failed) return;
      // busboy forgives a form whose closing delimiter never came; a cut-off upload is not a file.
      if (!endsWithClosingDelimiter()) {
        fail(problems.malformed(rules, 'the multipart body ends before its closing delimiter'));
        return;
      }
      if (!received) {
        fail(problems.missing(rules));
        return;
      }
      received.then(resolve, () => undefined);
    });
    req.on('aborted', () => fail(problems.malformed(rules, 'the upload was interrupted')));
    // The last bytes of the body, to see the form's closing delimiter `--boundary--` arrive.
    const boundary = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(String(headers['content-type'] ?? ''));
    const closing = Buffer.from(`--${boundary?.[1] ?? boundary?.[2] ?? ''}--`);
    let tail = Buffer.alloc(0);
    req.on('data', (chunk: Buffer) => {
      tail = Buffer.concat([tail, chunk]).subarray(-(closing.length + 64));
    });
    const endsWithClosingDelimiter = () => tail.includes(closing);
    req.pipe(parser);
  });
}

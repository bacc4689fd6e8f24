import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import busboy from 'busboy';
import type { Request } from 'express';
import { HttpProblem, validationProblem } from '../../../mock/http/problem.ts';
import type { UploadRules } from '../../../spec/extensions.ts';
import type { AudioFile } from '../../../spec/models.ts';
import { SNIFF_BYTES, sniffAudio } from './sniff-audio.ts';

/** A file received whole and checked, waiting in the data folder under `tempPath`. */
export interface ReceivedFile {
  tempPath: string;
  name: string;
  description: string | undefined;
  sizeBytes: number;
  sha256: string;
  head: Buffer;
  contentType: AudioFile['contentType'];
  format: AudioFile['format'];
}

const MAX_DESCRIPTION = 500;

/**
 * Streams a multipart upload to disk with busboy. The size limit of the spec is enforced while
 * streaming: at the first byte past it the upload is abandoned with 413 and nothing more is read.
 * The format is judged from the first bytes (415 at once when they are not accepted audio), and the
 * content is hashed on the way, so nothing is ever buffered whole.
 */
export function receiveUpload(req: Request, rules: UploadRules, dataDir: string): Promise<ReceivedFile> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: req.headers,
        // busboy reports the limit when a file *reaches* fileSize; the contract refuses only larger
        // files, so a file of exactly x-max-file-size bytes must pass: the limit is one byte more.
        limits: { files: 1, fileSize: rules.maxFileSizeBytes + 1, fields: 5, fieldSize: 4096, parts: 8 },
      });
    } catch {
      reject(
        new HttpProblem('unsupported_media_type', 'The body must be multipart/form-data with a boundary.'),
      );
      return;
    }
    const tempPath = join(dataDir, `.upload-${randomUUID()}`);
    let description: string | undefined;
    let received: Promise<ReceivedFile> | undefined;
    let failed = false;

    const fail = (problem: HttpProblem) => {
      if (failed) return;
      failed = true;
      req.unpipe(parser);
      // Stop reading: the client may keep sending, but nothing more is taken in.
      req.pause();
      void rm(tempPath, { force: true });
      reject(problem);
    };

    parser.on('field', (name, value) => {
      if (name === 'description') description = value;
    });

    parser.on('file', (field, stream, info) => {
      if (field !== rules.field) {
        stream.resume();
        return;
      }
      received = new Promise<ReceivedFile>((done, bad) => {
        const hash = createHash('sha256');
        const out = createWriteStream(tempPath, { flags: 'wx' });
        const headChunks: Buffer[] = [];
        let headBytes = 0;
        let size = 0;
        let sniffed: Promise<Awaited<ReturnType<typeof sniffAudio>>> | undefined;
        const sniffNow = () => (sniffed ??= sniffAudio(Buffer.concat(headChunks), rules.contentTypes));
        stream.on('data', (chunk: Buffer) => {
          size += chunk.length;
          hash.update(chunk);
          if (headBytes < SNIFF_BYTES) {
            headChunks.push(chunk);
            headBytes += chunk.length;
            if (headBytes >= SNIFF_BYTES) {
              void sniffNow().then((kind) => {
                if (!kind) fail(notAudio(rules));
              });
            }
          }
        });
        stream.on('limit', () => fail(tooLarge(rules)));
        stream.on('error', bad);
        out.on('error', bad);
        stream.pipe(out);
        out.on('finish', async () => {
          if (failed) return;
          const kind = await sniffNow();
          if (!kind) return fail(notAudio(rules));
          if (size === 0)
            return fail(
              validationProblem([
                { in: 'body', field: rules.field, code: 'minLength', message: 'the file is empty' },
              ]),
            );
          done({
            tempPath,
            name: safeName(info.filename),
            description,
            sizeBytes: size,
            sha256: hash.digest('hex'),
            head: Buffer.concat(headChunks).subarray(0, SNIFF_BYTES),
            ...kind,
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

    parser.on('error', () =>
      fail(
        validationProblem([
          {
            in: 'body',
            field: rules.field,
            code: 'multipart',
            message: 'the multipart body is malformed or truncated',
          },
        ]),
      ),
    );
    parser.on('close', () => {
      if (failed) return;
      // busboy forgives a form whose closing delimiter never came; a cut-off upload is not a file.
      if (!endsWithClosingDelimiter()) {
        fail(truncated(rules));
        return;
      }
      if (!received) {
        fail(
          validationProblem([
            {
              in: 'body',
              field: rules.field,
              code: 'required',
              message: `a file in the field "${rules.field}" is required`,
            },
          ]),
        );
        return;
      }
      received.then(
        (file) => {
          if (description !== undefined && description.length > MAX_DESCRIPTION) {
            void rm(file.tempPath, { force: true });
            fail(
              validationProblem([
                {
                  in: 'body',
                  field: 'description',
                  code: 'maxLength',
                  message: `must be at most ${MAX_DESCRIPTION} characters`,
                },
              ]),
            );
            return;
          }
          resolve({ ...file, description });
        },
        () => undefined,
      );
    });
    req.on('aborted', () =>
      fail(
        validationProblem([
          { in: 'body', field: rules.field, code: 'multipart', message: 'the upload was interrupted' },
        ]),
      ),
    );
    // The last bytes of the body, to see the form's closing delimiter `--boundary--` arrive.
    const boundary = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(req.headers['content-type'] ?? '');
    const closing = Buffer.from(`--${boundary?.[1] ?? boundary?.[2] ?? ''}--`);
    let tail = Buffer.alloc(0);
    req.on('data', (chunk: Buffer) => {
      tail = Buffer.concat([tail, chunk]).subarray(-(closing.length + 64));
    });
    const endsWithClosingDelimiter = () => tail.includes(closing);
    req.pipe(parser);
  });
}

function truncated(rules: UploadRules): HttpProblem {
  return validationProblem([
    {
      in: 'body',
      field: rules.field,
      code: 'multipart',
      message: 'the multipart body ends before its closing delimiter',
    },
  ]);
}

function tooLarge(rules: UploadRules): HttpProblem {
  const mib = rules.maxFileSizeBytes / 1_048_576;
  return new HttpProblem(
    'payload_too_large',
    `Files may be at most ${rules.maxFileSizeBytes} bytes (${mib} MiB).`,
  );
}

function notAudio(rules: UploadRules): HttpProblem {
  return new HttpProblem(
    'unsupported_media_type',
    `The content is not accepted audio. Accepted: ${rules.contentTypes.join(', ')}.`,
  );
}

/** The file's own name without any directory part or control characters; never used as a path. */
function safeName(filename: string | undefined): string {
  const base = (filename ?? '').split(/[\\/]/).pop() ?? '';
  const clean = [...base]
    .filter((ch) => (ch.codePointAt(0) ?? 0) >= 0x20 && ch !== '\u007f')
    .join('')
    .trim()
    .slice(0, 255);
  return clean || 'audio';
}

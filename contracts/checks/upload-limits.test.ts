import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { UploadRecord } from '../execute/drive-uploads.ts';
import { type Contract, loadContract, operation } from '../plan/load-contract.ts';
import type { Exchange } from '../types.ts';
import { judgeContext, recorded } from './judge-context.ts';
import { uploadLimits } from './upload-limits.ts';

// The upload_limits judge over hand-made uploads and downloads, against openapi.yaml's
// x-max-file-size on uploadFile: no server.

let contract: Contract;
beforeAll(async () => {
  contract = await loadContract();
});

const BYTES = new TextEncoder().encode('RIFF....WAVE');
const SHA = createHash('sha256').update(BYTES).digest('hex');
const FILE = { id: 'f1', downloadUrl: '/api/voip/file/f1/content', contentType: 'audio/wav', sha256: SHA };

const upload = (status: number, description: string, body: unknown = status < 300 ? FILE : { code: 'x' }) =>
  recorded('uploadFile', status, body, { method: 'POST', description });
function download(status: number, bytes = BYTES, type = 'audio/wav'): Exchange {
  const exchange = recorded('downloadFile', status);
  return {
    ...exchange,
    response: { status, headers: { 'content-type': type }, text: '', bytes },
  };
}

/** The uploads of a backend that keeps every rule, with `change` applied. */
function uploads(change: (r: UploadRecord) => UploadRecord = (r) => r): UploadRecord {
  const rules = contract.extensions.uploads[0];
  if (!rules) throw new Error('openapi.yaml declares no upload rules');
  const op = operation(contract, 'downloadFile');
  return change({
    rules,
    atLimit: upload(201, `a WAV of exactly ${rules.maxFileSizeBytes} bytes (x-max-file-size)`),
    tooLarge: upload(413, `a WAV of ${rules.maxFileSizeBytes + 1} bytes`),
    wrongType: upload(415, 'plain text named .mp3 and typed audio/mpeg'),
    valid: {
      bytes: BYTES.length,
      sha256: SHA,
      stored: upload(201, `a valid WAV of ${BYTES.length} bytes`),
      download: { op, exchange: download(200) },
      viaQuery: { op, parameter: 'token', exchange: download(200) },
    },
  });
}

describe('upload_limits judges recorded uploads and downloads', () => {
  it.each([
    ['a backend that keeps every rule', () => uploads(), []],
    [
      'a file at the limit refused',
      () => uploads((r) => ({ ...r, atLimit: upload(413, 'a WAV at the limit') })),
      [/^Upload of a WAV of exactly \d+ bytes refused$/],
    ],
    [
      'a file over the limit accepted',
      () => uploads((r) => ({ ...r, tooLarge: upload(201, 'a WAV of one byte more') })),
      [/^Upload of a WAV of one byte more not answered 413$/],
    ],
    [
      'text typed audio/mpeg accepted',
      () => uploads((r) => ({ ...r, wrongType: upload(201, 'text as mp3') })),
      [/^Upload of text as mp3 not answered 415$/],
    ],
    [
      'a real WAV refused',
      () => uploads((r) => ({ ...r, valid: { ...r.valid, stored: upload(415, 'a valid WAV') } })),
      [/^Upload of a valid WAV not answered 201$/],
    ],
    [
      'a download with other bytes',
      () =>
        uploads((r) => ({
          ...r,
          valid: {
            ...r.valid,
            download: {
              op: operation(contract, 'downloadFile'),
              exchange: download(200, new Uint8Array([1])),
            },
          },
        })),
      [/^Uploaded file does not download as uploaded$/],
    ],
    [
      'a download refused with ?token=',
      () =>
        uploads((r) => ({
          ...r,
          valid: {
            ...r.valid,
            viaQuery: {
              op: operation(contract, 'downloadFile'),
              parameter: 'token',
              exchange: download(401),
            },
          },
        })),
      [/^Download refused with \?token=$/],
    ],
  ] as [string, () => UploadRecord, RegExp[]][])('%s', (_, given, want) => {
    const { ctx, failures } = judgeContext(contract);
    uploadLimits.judge?.(ctx, [given()]);
    expect(failures).toHaveLength(want.length);
    for (const [i, title] of want.entries()) expect(failures[i]?.title).toMatch(title);
  });
});

import { createHash } from 'node:crypto';
import type { JudgeContext } from '../check-context.ts';
import { driveUploads, type StoredFile, type UploadRecord } from '../execute/drive-uploads.ts';
import { operation } from '../plan/load-contract.ts';
import { operationPointer } from '../plan/spec-pointer.ts';
import type { Exchange } from '../types.ts';
import { describeResponse, requestLine } from './describe.ts';
import type { Check } from './types.ts';

/**
 * The upload rules of the spec (`x-max-file-size`, the field's accepted content types): a file of
 * exactly the limit is stored, one byte over it is 413, text sent as audio/mpeg is 415 (judged by
 * content, not by name or declared type), and a real WAV is stored and downloads byte for byte with
 * its type, also with the token as ?token= where the spec allows it. execute/drive-uploads.ts sends them.
 */
export const uploadLimits: Check<UploadRecord[]> = {
  name: 'upload_limits',
  catches:
    'An over-size file accepted, a file judged by its name or declared type instead of its bytes, a valid audio file refused, or a download that differs from what was uploaded.',
  mutates: true,
  skipReason(ctx) {
    const { uploads } = ctx.contract.extensions;
    if (uploads.length === 0)
      return 'no multipart operation of the spec declares x-max-file-size and its types';
    if (!uploads.some((u) => ctx.selected(u.operationId)))
      return `${uploads.map((u) => u.operationId).join(', ')} not in this run (--only/--skip/--read-only)`;
    return undefined;
  },
  drive: driveUploads,
  judge(ctx, records) {
    for (const record of records) {
      const { rules } = record;
      const op = operation(ctx.contract, rules.operationId);
      const pointer = operationPointer(op, 'requestBody', 'content', 'multipart/form-data');
      ctx.judged(rules.operationId);
      const size = rules.maxFileSizeBytes;
      if ((record.atLimit.response?.status ?? 500) >= 300)
        ctx.fail({
          operationId: op.operationId,
          title: `Upload of a WAV of exactly ${size} bytes refused`,
          message: `${requestLine(record.atLimit)} uploads ${record.atLimit.description}; the limit is inclusive: only files above it are 413.`,
          expected: '201 with the stored file',
          actual: describeResponse(record.atLimit.response, record.atLimit.error),
          specPointer: pointer,
          exchange: record.atLimit,
        });
      expectStatus(
        ctx,
        record.tooLarge,
        413,
        `files above x-max-file-size (${size} bytes) are 413`,
        op.operationId,
        pointer,
      );
      expectStatus(
        ctx,
        record.wrongType,
        415,
        `only ${rules.contentTypes.join(', ')} judged by content are accepted, anything else is 415`,
        op.operationId,
        pointer,
      );
      judgeValid(ctx, record, pointer);
    }
  },
};

function expectStatus(
  ctx: JudgeContext,
  exchange: Exchange,
  status: number,
  expected: string,
  operationId: string,
  specPointer: string,
): void {
  if (exchange.response?.status === status) return;
  ctx.fail({
    operationId,
    title: `Upload of ${exchange.description} not answered ${status}`,
    message: `${requestLine(exchange)} uploads ${exchange.description}; the spec says ${expected}.`,
    expected: String(status),
    actual: describeResponse(exchange.response, exchange.error),
    specPointer,
    exchange,
  });
}

/** The valid WAV is stored (201) and downloads byte for byte with its type, with ?token= too where allowed. */
function judgeValid(ctx: JudgeContext, { rules, valid }: UploadRecord, pointer: string): void {
  const { stored, download, viaQuery } = valid;
  const file = stored.response?.json as StoredFile | undefined;
  const op = operation(ctx.contract, rules.operationId);
  if (stored.response?.status !== 201 || !file?.downloadUrl) {
    expectStatus(ctx, stored, 201, 'accepted audio is stored (201)', op.operationId, pointer);
    return;
  }
  const got = download?.exchange.response;
  const sha = got ? createHash('sha256').update(got.bytes).digest('hex') : undefined;
  const type = got?.headers['content-type']?.split(';')[0];
  if (
    got?.status === 200 &&
    sha === valid.sha256 &&
    type === file.contentType &&
    file.sha256 === valid.sha256
  ) {
    const via = viaQuery?.exchange.response;
    if (
      !viaQuery ||
      (via?.status === 200 && createHash('sha256').update(via.bytes).digest('hex') === valid.sha256)
    )
      return;
    ctx.fail({
      operationId: viaQuery.op.operationId,
      title: `Download refused with ?${viaQuery.parameter}=`,
      message: `${requestLine(viaQuery.exchange)} sends the access token as ?${viaQuery.parameter}= (for an <audio src>), which the spec allows, but did not answer the file.`,
      expected: '200 with the uploaded bytes',
      actual: describeResponse(via, viaQuery.exchange.error),
      specPointer: operationPointer(viaQuery.op, 'security'),
      exchange: viaQuery.exchange,
    });
    return;
  }
  ctx.fail({
    operationId: download?.op.operationId ?? op.operationId,
    title: 'Uploaded file does not download as uploaded',
    message: `${stored.description} was stored as ${file.id}, but its downloadUrl ${file.downloadUrl} ${got ? `answered ${got.status} ${type} with sha256 ${sha}` : 'matches no operation'}; metadata sha256 ${file.sha256}.`,
    expected: `200 ${file.contentType}, ${valid.bytes} bytes, sha256 ${valid.sha256}`,
    actual: got ? `${got.status} ${type}, ${got.bytes.length} bytes, sha256 ${sha}` : 'no download',
    specPointer: download
      ? operationPointer(download.op, 'responses', '200')
      : operationPointer(op, 'responses', '201'),
    exchange: download?.exchange ?? stored,
  });
}

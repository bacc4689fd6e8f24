import { createHash } from 'node:crypto';
import type { OpenAPIV3 } from 'openapi-types';
import type { UploadRules } from '../../spec/extensions.ts';
import type { SpecOperation } from '../../spec/operations.ts';
import { oversizedWav, textPretendingToBeMp3, wavFile, wavOfSize } from '../generate/audio.ts';
import { matchLocation } from '../plan/derive-flows.ts';
import { operation } from '../plan/load-contract.ts';
import { operationPointer } from '../plan/spec-pointer.ts';
import type { Exchange } from '../types.ts';
import { describeResponse, requestLine } from './describe.ts';
import type { Check, CheckContext } from './types.ts';

/** What an upload answers, as this check reads it: where to download it and what it holds. */
interface StoredFile {
  id: string;
  downloadUrl?: string;
  contentType?: string;
  sha256?: string;
}

/**
 * The upload rules of the spec (`x-max-file-size`, the field's accepted content types): a file one
 * byte over the limit is 413, text sent as audio/mpeg is 415 (judged by content, not by name or
 * declared type), and a real WAV is stored and downloads byte for byte with its type.
 */
export const uploadLimits: Check = {
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
  async run(ctx) {
    for (const rules of ctx.contract.extensions.uploads) {
      if (!ctx.selected(rules.operationId)) continue;
      ctx.judged(rules.operationId);
      await atLimit(ctx, rules);
      await tooLarge(ctx, rules);
      await wrongType(ctx, rules);
      await validAudio(ctx, rules);
    }
  },
};

async function upload(
  ctx: CheckContext,
  rules: UploadRules,
  bytes: Uint8Array,
  filename: string,
  type: string,
  why: string,
) {
  const op = operation(ctx.contract, rules.operationId);
  const exchange = await ctx.http.call(op, {
    form: [{ name: rules.field, value: bytes, filename, contentType: type }],
    description: why,
  });
  const id = (exchange.response?.json as { id?: string } | undefined)?.id;
  const remove = ctx.contract.operations.find(
    (o) => o.method === 'delete' && o.path === `${op.path}/{fileId}`,
  );
  if (id && remove && (exchange.response?.status ?? 500) < 300)
    ctx.resources.add(`file ${id}`, remove, { fileId: id });
  return exchange;
}

function expectStatus(
  ctx: CheckContext,
  rules: UploadRules,
  exchange: Exchange,
  status: number,
  why: string,
  expected: string,
) {
  if (exchange.response?.status === status) return;
  const op = operation(ctx.contract, rules.operationId);
  ctx.fail({
    operationId: op.operationId,
    title: `Upload of ${why} not answered ${status}`,
    message: `${requestLine(exchange)} uploads ${why}; the spec says ${expected}.`,
    expected: String(status),
    actual: describeResponse(exchange.response, exchange.error),
    specPointer: operationPointer(op, 'requestBody', 'content', 'multipart/form-data'),
    exchange,
  });
}

/** The limit itself is allowed: a file of exactly x-max-file-size bytes is stored. */
async function atLimit(ctx: CheckContext, rules: UploadRules) {
  const size = rules.maxFileSizeBytes;
  const why = `a WAV of exactly ${size} bytes (x-max-file-size)`;
  const exchange = await upload(ctx, rules, wavOfSize(size), 'at-the-limit.wav', 'audio/wav', why);
  if ((exchange.response?.status ?? 500) < 300) return;
  const op = operation(ctx.contract, rules.operationId);
  ctx.fail({
    operationId: op.operationId,
    title: `Upload of a WAV of exactly ${size} bytes refused`,
    message: `${requestLine(exchange)} uploads ${why}; the limit is inclusive: only files above it are 413.`,
    expected: '201 with the stored file',
    actual: describeResponse(exchange.response, exchange.error),
    specPointer: operationPointer(op, 'requestBody', 'content', 'multipart/form-data'),
    exchange,
  });
}

async function tooLarge(ctx: CheckContext, rules: UploadRules) {
  const size = rules.maxFileSizeBytes + 1;
  const why = `a WAV of ${size} bytes`;
  const exchange = await upload(ctx, rules, oversizedWav(size), 'too-large.wav', 'audio/wav', why);
  expectStatus(
    ctx,
    rules,
    exchange,
    413,
    why,
    `files above x-max-file-size (${rules.maxFileSizeBytes} bytes) are 413`,
  );
}

async function wrongType(ctx: CheckContext, rules: UploadRules) {
  const why = 'plain text named .mp3 and typed audio/mpeg';
  const exchange = await upload(ctx, rules, textPretendingToBeMp3(), 'not-audio.mp3', 'audio/mpeg', why);
  expectStatus(
    ctx,
    rules,
    exchange,
    415,
    why,
    `only ${rules.contentTypes.join(', ')} judged by content are accepted, anything else is 415`,
  );
}

async function validAudio(ctx: CheckContext, rules: UploadRules) {
  const bytes = wavFile();
  const why = `a valid WAV of ${bytes.length} bytes`;
  const stored = await upload(ctx, rules, bytes, 'contract-check.wav', 'audio/wav', why);
  const file = stored.response?.json as StoredFile | undefined;
  const op = operation(ctx.contract, rules.operationId);
  if (stored.response?.status !== 201 || !file?.downloadUrl)
    return expectStatus(ctx, rules, stored, 201, why, 'accepted audio is stored (201)');
  const target = matchLocation(ctx.contract, ctx.http.options.baseUrl, file.downloadUrl);
  const download = target
    ? await ctx.http.call(target.op, { pathParams: target.pathParams, description: 'the uploaded file' })
    : undefined;
  const got = download?.response;
  const sha = got ? createHash('sha256').update(got.bytes).digest('hex') : undefined;
  const expectedSha = createHash('sha256').update(bytes).digest('hex');
  const type = got?.headers['content-type']?.split(';')[0];
  if (got?.status === 200 && sha === expectedSha && type === file.contentType && file.sha256 === expectedSha)
    return target && (await viaQueryToken(ctx, target.op, target.pathParams, expectedSha));
  ctx.fail({
    operationId: target?.op.operationId ?? op.operationId,
    title: 'Uploaded file does not download as uploaded',
    message: `${why} was stored as ${file.id}, but its downloadUrl ${file.downloadUrl} ${got ? `answered ${got.status} ${type} with sha256 ${sha}` : 'matches no operation'}; metadata sha256 ${file.sha256}.`,
    expected: `200 ${file.contentType}, ${bytes.length} bytes, sha256 ${expectedSha}`,
    actual: got ? `${got.status} ${type}, ${got.bytes.length} bytes, sha256 ${sha}` : 'no download',
    specPointer: target
      ? operationPointer(target.op, 'responses', '200')
      : operationPointer(op, 'responses', '201'),
    ...(download ? { exchange: download } : { exchange: stored }),
  });
}

/**
 * An `<audio src>` cannot send headers: where the spec lets the download take the token as a query
 * parameter (a security requirement of type apiKey in query), the same bytes come back that way.
 */
async function viaQueryToken(
  ctx: CheckContext,
  op: SpecOperation,
  pathParams: Record<string, string>,
  sha: string,
): Promise<void> {
  const schemes = ctx.contract.spec.document.components?.securitySchemes ?? {};
  const name = op.security
    .flatMap((req) => Object.keys(req))
    .map((key) => schemes[key] as OpenAPIV3.ApiKeySecurityScheme | undefined)
    .find((scheme) => scheme?.type === 'apiKey' && scheme.in === 'query')?.name;
  if (!name) return;
  const exchange = await ctx.http.call(op, {
    pathParams,
    auth: 'none',
    query: { [name]: ctx.session.token },
    description: `the uploaded file with ?${name}=`,
  });
  const got = exchange.response;
  if (got?.status === 200 && createHash('sha256').update(got.bytes).digest('hex') === sha) return;
  ctx.fail({
    operationId: op.operationId,
    title: `Download refused with ?${name}=`,
    message: `${requestLine(exchange)} sends the access token as ?${name}= (for an <audio src>), which the spec allows, but did not answer the file.`,
    expected: '200 with the uploaded bytes',
    actual: describeResponse(got, exchange.error),
    specPointer: operationPointer(op, 'security'),
    exchange,
  });
}

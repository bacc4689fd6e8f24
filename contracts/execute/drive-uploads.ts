import { createHash } from 'node:crypto';
import type { OpenAPIV3 } from 'openapi-types';
import type { UploadRules } from '../../mock/openapi/extensions.ts';
import type { SpecOperation } from '../../mock/openapi/operations.ts';
import type { CheckContext } from '../check-context.ts';
import { oversizedWav, textPretendingToBeMp3, wavFile, wavOfSize } from '../generate/audio.ts';
import { matchLocation } from '../plan/derive-flows.ts';
import { operation } from '../plan/load-contract.ts';
import type { Exchange } from '../types.ts';

/** What this driver reads of the run: no more, so that it is built and tested with only that. */
type DriverInput = Pick<CheckContext, 'contract' | 'http' | 'resources' | 'selected' | 'session'>;

/** What an upload answers, as the upload check reads it: where to download it and what it holds. */
export interface StoredFile {
  id: string;
  downloadUrl?: string;
  contentType?: string;
  sha256?: string;
}

/** The uploads of one multipart operation and the downloads of the valid one, as upload_limits judges them. */
export interface UploadRecord {
  rules: UploadRules;
  /** A WAV of exactly x-max-file-size bytes, one byte over it, and text named .mp3 typed audio/mpeg. */
  atLimit: Exchange;
  tooLarge: Exchange;
  wrongType: Exchange;
  /** A valid WAV: its bytes' sha256, the upload, the download at its downloadUrl, and the same with ?token=. */
  valid: {
    bytes: number;
    sha256: string;
    stored: Exchange;
    download?: { op: SpecOperation; exchange: Exchange };
    viaQuery?: { op: SpecOperation; parameter: string; exchange: Exchange };
  };
}

/**
 * Uploads to every multipart operation of the run with `x-max-file-size`: a file at the limit, one
 * byte over it, text pretending to be audio and a real WAV, which it then downloads (with the
 * header token, and with ?token= where the download's security allows it, as an `<audio src>`
 * sends it). Whatever is stored is tracked for removal.
 */
export async function driveUploads(ctx: DriverInput): Promise<UploadRecord[]> {
  const records: UploadRecord[] = [];
  for (const rules of ctx.contract.extensions.uploads) {
    if (!ctx.selected(rules.operationId)) continue;
    const send = (bytes: Uint8Array, filename: string, type: string, why: string) =>
      upload(ctx, rules, bytes, filename, type, why);
    const size = rules.maxFileSizeBytes;
    const atLimit = await send(
      wavOfSize(size),
      'at-the-limit.wav',
      'audio/wav',
      `a WAV of exactly ${size} bytes (x-max-file-size)`,
    );
    const tooLarge = await send(
      oversizedWav(size + 1),
      'too-large.wav',
      'audio/wav',
      `a WAV of ${size + 1} bytes`,
    );
    const wrongType = await send(
      textPretendingToBeMp3(),
      'not-audio.mp3',
      'audio/mpeg',
      'plain text named .mp3 and typed audio/mpeg',
    );
    const bytes = wavFile();
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const stored = await send(
      bytes,
      'contract-check.wav',
      'audio/wav',
      `a valid WAV of ${bytes.length} bytes`,
    );
    const valid: UploadRecord['valid'] = { bytes: bytes.length, sha256, stored };
    const file = stored.response?.json as StoredFile | undefined;
    const target =
      stored.response?.status === 201 && file?.downloadUrl
        ? matchLocation(ctx.contract, ctx.http.options.baseUrl, file.downloadUrl)
        : undefined;
    if (target) {
      const exchange = await ctx.http.call(target.op, {
        pathParams: target.pathParams,
        description: 'the uploaded file',
      });
      valid.download = { op: target.op, exchange };
      const parameter = queryTokenParameter(ctx, target.op);
      if (parameter && exchange.response?.status === 200)
        valid.viaQuery = {
          op: target.op,
          parameter,
          exchange: await ctx.http.call(target.op, {
            pathParams: target.pathParams,
            auth: 'none',
            query: { [parameter]: ctx.session.token },
            description: `the uploaded file with ?${parameter}=`,
          }),
        };
    }
    records.push({ rules, atLimit, tooLarge, wrongType, valid });
  }
  return records;
}

async function upload(
  ctx: DriverInput,
  rules: UploadRules,
  bytes: Uint8Array,
  filename: string,
  type: string,
  why: string,
): Promise<Exchange> {
  const op = operation(ctx.contract, rules.operationId);
  const exchange = await ctx.http.call(op, {
    form: [{ name: rules.field, value: bytes, filename, contentType: type }],
    description: why,
  });
  const id = (exchange.response?.json as { id?: string } | undefined)?.id;
  // The item delete beside the upload (`DELETE /files/{id}`), whatever its parameter is named.
  const remove = ctx.contract.operations.find(
    (o) =>
      o.method === 'delete' &&
      /^\/\{[^}]+\}$/.test(o.path.slice(op.path.length)) &&
      o.path.startsWith(op.path),
  );
  const param = remove?.path.slice(op.path.length + 2, -1);
  if (id && remove && param && (exchange.response?.status ?? 500) < 300)
    ctx.resources.add(`file ${id}`, remove, { [param]: id });
  return exchange;
}

/** The query parameter a download's security lets the token travel in (an apiKey scheme in query), if any. */
function queryTokenParameter(ctx: DriverInput, op: SpecOperation): string | undefined {
  const schemes = ctx.contract.spec.document.components?.securitySchemes ?? {};
  return op.security
    .flatMap((req) => Object.keys(req))
    .map((key) => schemes[key] as OpenAPIV3.ApiKeySecurityScheme | undefined)
    .find((scheme) => scheme?.type === 'apiKey' && scheme.in === 'query')?.name;
}

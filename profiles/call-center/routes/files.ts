import { notFound, validationProblem } from '../../../mock/http/problem.ts';
import { isoSeconds } from '../../../mock/time.ts';
import type { AudioFile } from '../models.ts';
import { domainProblem } from '../problems.ts';
import { readWavInfo } from '../seed/wav.ts';
import type { CallCenterHandler } from '../state.ts';
import { sniffAudio } from '../uploads/sniff-audio.ts';

/** The longest description the upload form takes (the contract's multipart schema says so too). */
const MAX_DESCRIPTION = 500;

export const uploadFile: CallCenterHandler = async ({ req, ctx }, cc) => {
  const rules = ctx.extensions.uploads.find((u) => u.operationId === 'uploadFile');
  if (!rules) throw new Error('uploadFile has no upload rules in openapi.yaml');
  const received = await ctx.files.receive(req, rules, sniffAudio);
  const description = received.fields.description;
  if (description !== undefined && description.length > MAX_DESCRIPTION) {
    await received.drop();
    throw validationProblem([
      {
        in: 'body',
        field: 'description',
        code: 'maxLength',
        message: `must be at most ${MAX_DESCRIPTION} characters`,
      },
    ]);
  }
  const id = ctx.faker.string.uuid();
  await received.keep(id);
  const { contentType, format } = received.kind;
  const wav = format === 'wav' ? readWavInfo(Buffer.from(received.head), received.size) : undefined;
  const file: AudioFile = {
    id,
    name: received.name,
    description: description ?? null,
    contentType,
    format,
    sizeBytes: received.size,
    durationSeconds: wav?.durationSeconds ?? null,
    sampleRate: wav?.sampleRate ?? null,
    channels: wav?.channels ?? null,
    sha256: received.digest,
    downloadUrl: `${ctx.basePath}/voip/file/${id}/content`,
    createdAt: isoSeconds(ctx.now()),
  };
  cc.data.files.insert(file);
  await ctx.persistence?.flush();
  ctx.events.publish('file.uploaded', file);
  return { status: 201, body: file, headers: { Location: `${ctx.basePath}/voip/file/${id}` } };
};

export const downloadFile: CallCenterHandler = async ({ input, ctx }, cc) => {
  const id = input.path.fileId as string;
  const file = cc.data.files.get(id);
  if (!file) throw notFound('file', id);
  return ctx.files.reply(id, file.contentType, file.name);
};

export const deleteFile: CallCenterHandler = async ({ input, ctx }, cc) => {
  const id = input.path.fileId as string;
  if (!cc.data.files.get(id)) throw notFound('file', id);
  const index = cc.data.callIndex;
  const live = [
    ...index.withStatus('queued'),
    ...index.withStatus('ringing'),
    ...index.withStatus('in_progress'),
  ];
  const playing = live.find((c) => c.fileId === id);
  if (playing)
    throw domainProblem(
      'file_in_use',
      `Call ${playing.id} to ${playing.targetNumber} plays this file; delete it once the call ends.`,
    );
  cc.data.files.remove(id);
  await ctx.persistence?.flush();
  await ctx.files.remove(id);
  ctx.events.publish('file.deleted', { id });
  return { status: 204 };
};

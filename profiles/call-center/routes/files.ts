import { rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { notFound } from '../../../mock/http/problem.ts';
import type { Handler } from '../../../mock/routes/reply.ts';
import { isoSeconds } from '../../../mock/time.ts';
import type { AudioFile } from '../../../spec/models.ts';
import { domainProblem } from '../problems.ts';
import { readWavInfo } from '../seed/wav.ts';
import { callCenter } from '../state.ts';
import { receiveUpload } from '../uploads/receive-upload.ts';

/** Where a file's bytes live: named by its id (a validated UUID), so no name can escape the folder. */
export function contentPath(dataDir: string, id: string): string {
  return join(dataDir, id);
}

export const uploadFile: Handler = async ({ req, ctx }) => {
  const rules = ctx.extensions.uploads.find((u) => u.operationId === 'uploadFile');
  if (!rules) throw new Error('uploadFile has no upload rules in openapi.yaml');
  const received = await receiveUpload(req, rules, ctx.dataDir);
  const id = ctx.faker.string.uuid();
  await rename(received.tempPath, contentPath(ctx.dataDir, id));
  const wav = received.format === 'wav' ? readWavInfo(received.head, received.sizeBytes) : undefined;
  const file: AudioFile = {
    id,
    name: received.name,
    description: received.description ?? null,
    contentType: received.contentType,
    format: received.format,
    sizeBytes: received.sizeBytes,
    durationSeconds: wav?.durationSeconds ?? null,
    sampleRate: wav?.sampleRate ?? null,
    channels: wav?.channels ?? null,
    sha256: received.sha256,
    downloadUrl: `${ctx.basePath}/voip/file/${id}/content`,
    createdAt: isoSeconds(ctx.now()),
  };
  callCenter(ctx).data.files.insert(file);
  await ctx.persistence?.flush();
  ctx.events.publish('file.uploaded', file);
  return { status: 201, body: file, headers: { Location: `${ctx.basePath}/voip/file/${id}` } };
};

export const downloadFile: Handler = ({ input, ctx }) => {
  const id = input.path.fileId as string;
  const file = callCenter(ctx).data.files.get(id);
  if (!file) throw notFound('file', id);
  return {
    status: 200,
    file: { path: contentPath(ctx.dataDir, id), mediaType: file.contentType, name: file.name },
  };
};

export const deleteFile: Handler = async ({ input, ctx }) => {
  const id = input.path.fileId as string;
  if (!callCenter(ctx).data.files.get(id)) throw notFound('file', id);
  const index = callCenter(ctx).data.callIndex;
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
  callCenter(ctx).data.files.remove(id);
  await ctx.persistence?.flush();
  await rm(contentPath(ctx.dataDir, id), { force: true });
  ctx.events.publish('file.deleted', { id });
  return { status: 204 };
};

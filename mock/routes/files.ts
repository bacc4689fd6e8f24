import { rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { AudioFile } from '../../spec/models.ts';
import { HttpProblem, notFound } from '../http/problem.ts';
import { readWavInfo } from '../seed/wav.ts';
import { isoSeconds } from '../time.ts';
import { receiveUpload } from '../uploads/receive-upload.ts';
import { contains, newestFirst, paginate } from './paginate.ts';
import type { Handler } from './reply.ts';

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
  ctx.store.files.insert(file);
  await ctx.persistence?.flush();
  ctx.events.publish('file.uploaded', file);
  return { status: 201, body: file, headers: { Location: `${ctx.basePath}/voip/file/${id}` } };
};

export const listFiles: Handler = ({ input, ctx }) => {
  const q = input.query.q as string | undefined;
  const all = ctx.store.files.sorted(newestFirst);
  const files = q ? all.filter((f) => contains(f.name, q)) : all;
  return { status: 200, body: paginate(files, input.query) };
};

export const getFile: Handler = ({ input, ctx }) => {
  const id = input.path.fileId as string;
  const file = ctx.store.files.get(id);
  if (!file) throw notFound('file', id);
  return { status: 200, body: file };
};

export const downloadFile: Handler = ({ input, ctx }) => {
  const id = input.path.fileId as string;
  const file = ctx.store.files.get(id);
  if (!file) throw notFound('file', id);
  return {
    status: 200,
    file: { path: contentPath(ctx.dataDir, id), contentType: file.contentType, name: file.name },
  };
};

export const deleteFile: Handler = async ({ input, ctx }) => {
  const id = input.path.fileId as string;
  if (!ctx.store.files.get(id)) throw notFound('file', id);
  const index = ctx.store.callIndex;
  const live = [
    ...index.withStatus('queued'),
    ...index.withStatus('ringing'),
    ...index.withStatus('in_progress'),
  ];
  const playing = live.find((c) => c.fileId === id);
  if (playing)
    throw new HttpProblem(
      'file_in_use',
      `Call ${playing.id} to ${playing.targetNumber} plays this file; delete it once the call ends.`,
    );
  ctx.store.files.remove(id);
  await ctx.persistence?.flush();
  await rm(contentPath(ctx.dataDir, id), { force: true });
  ctx.events.publish('file.deleted', { id });
  return { status: 204 };
};

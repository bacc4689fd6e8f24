import { existsSync, readdirSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { AudioFile, Page, Problem } from '../../profiles/call-center/models.ts';
import { makeWav } from '../../profiles/call-center/seed/wav.ts';
import { useMock } from './support.ts';

const t = await useMock();
const body = async <T>(res: Response) => (await res.json()) as T;

function form(bytes: Uint8Array, name: string, type: string, description?: string): FormData {
  const data = new FormData();
  data.set('file', new Blob([bytes], { type }), name);
  if (description !== undefined) data.set('description', description);
  return data;
}

const upload = (data: FormData) => t.call('/voip/file', { method: 'POST', body: data });

describe('uploading audio', () => {
  it('stores a WAV with true metadata, serves its bytes, and removes them on DELETE', async () => {
    const wav = makeWav({ seconds: 2, sampleRate: 8000, notes: [440, 660] });
    const res = await upload(form(wav, '../../etc/welcome.wav', 'audio/wav', 'Salomlashuv'));
    expect(res.status).toBe(201);
    const file = await body<AudioFile>(res);
    expect(file).toMatchObject({
      name: 'welcome.wav',
      description: 'Salomlashuv',
      contentType: 'audio/wav',
      format: 'wav',
      sizeBytes: wav.length,
      durationSeconds: 2,
      sampleRate: 8000,
      channels: 1,
    });
    expect(file.downloadUrl).toBe(`/api/voip/file/${file.id}/content`);
    expect(await body(await t.call(`/voip/file/${file.id}`))).toEqual(file);
    expect(
      (await body<Page & { items: AudioFile[] }>(await t.call('/voip/file?q=welcome'))).items.map(
        (f) => f.id,
      ),
    ).toEqual([file.id]);

    const download = await fetch(`${t.mock.origin}${file.downloadUrl}`, {
      headers: { authorization: `Bearer ${t.token}` },
    });
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('audio/wav');
    expect(download.headers.get('content-disposition')).toMatch(/^attachment; filename="?welcome\.wav"?$/);
    expect(Buffer.from(await download.arrayBuffer()).equals(wav)).toBe(true);
    // An <audio src> cannot send headers: the token query parameter works for downloads only.
    expect((await fetch(`${t.mock.origin}${file.downloadUrl}?token=${t.token}`)).status).toBe(200);
    expect((await fetch(`${t.mock.origin}${file.downloadUrl}`)).status).toBe(401);
    expect((await fetch(`${t.base}/voip/file/${file.id}?token=${t.token}`)).status).toBe(401);

    const stored = join(t.mock.ctx.dataDir, file.id);
    expect(existsSync(stored)).toBe(true);
    expect((await t.call(`/voip/file/${file.id}`, { method: 'DELETE' })).status).toBe(204);
    expect(existsSync(stored)).toBe(false);
    expect((await t.call(`/voip/file/${file.id}`)).status).toBe(404);
    expect((await t.call(`/voip/file/${file.id}/content`)).status).toBe(404);
  });

  it.each([
    [
      'text renamed .mp3',
      Buffer.from('just some text, not audio at all '.repeat(200)),
      'song.mp3',
      'audio/mpeg',
    ],
    [
      'a PNG declared as audio',
      Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), Buffer.alloc(5000)]),
      'a.wav',
      'audio/wav',
    ],
    ['a tiny text file', Buffer.from('hi'), 'a.wav', 'audio/wav'],
  ])('refuses %s with 415, judged from the bytes', async (_, bytes, name, type) => {
    const res = await upload(form(bytes, name, type));
    expect(res.status).toBe(415);
    expect((await body<Problem>(res)).code).toBe('unsupported_media_type');
  });

  it('stores a file of exactly the spec limit (only larger files are refused)', async () => {
    const limit = t.mock.ctx.extensions.uploads[0]?.maxFileSizeBytes ?? 0;
    const wav = makeWav({ seconds: 1, notes: [440] });
    const exact = Buffer.concat([wav, Buffer.alloc(limit - wav.length)]);
    const res = await upload(form(exact, 'exact.wav', 'audio/wav'));
    expect(res.status).toBe(201);
    expect((await body<{ sizeBytes: number }>(res)).sizeBytes).toBe(limit);
  });

  it('takes a File from the typed client, which sends it as multipart without help', async () => {
    const wav = makeWav({ seconds: 1, sampleRate: 8000, notes: [440] });
    const file = new File([wav], 'typed-client.wav', { type: 'audio/wav' });
    const { data, response } = await t.api.POST('/voip/file', { body: { file, description: 'typed' } });
    expect(response.status).toBe(201);
    expect(data).toMatchObject({ name: 'typed-client.wav', description: 'typed', sizeBytes: wav.length });
  });

  it('refuses a file over the spec limit with 413', async () => {
    const limit = t.mock.ctx.extensions.uploads[0]?.maxFileSizeBytes ?? 0;
    const wav = makeWav({ seconds: 1, notes: [440] });
    const big = Buffer.concat([wav, Buffer.alloc(limit + 1 - wav.length)]);
    const res = await upload(form(big, 'big.wav', 'audio/wav'));
    expect(res.status).toBe(413);
    expect((await body<Problem>(res)).code).toBe('payload_too_large');
  });

  it('cuts a huge upload off at the limit instead of reading it whole', async () => {
    const limit = t.mock.ctx.extensions.uploads[0]?.maxFileSizeBytes ?? 0;
    const { status, sent } = await new Promise<{ status: number; sent: number }>((done) => {
      const boundary = 'x-boundary';
      const req = request(`${t.base}/voip/file`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${t.token}`,
          'content-type': `multipart/form-data; boundary=${boundary}`,
          'content-length': String(1024 ** 3),
        },
      });
      let sent = 0;
      let answered = false;
      req.on('response', (res) => {
        answered = true;
        done({ status: res.statusCode ?? 0, sent });
        req.destroy();
      });
      req.on('error', () => !answered && done({ status: 0, sent }));
      const head = Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="huge.wav"\r\nContent-Type: audio/wav\r\n\r\n`,
      );
      const chunk = Buffer.concat([
        makeWav({ seconds: 1, notes: [440] }),
        Buffer.alloc(1024 * 1024),
      ]).subarray(0, 1024 * 1024);
      req.write(head);
      const pump = () => {
        while (!answered && sent < 1024 ** 3) {
          sent += chunk.length;
          if (!req.write(chunk)) return req.once('drain', pump);
        }
      };
      pump();
    });
    expect(status).toBe(413);
    // Answered long before the gigabyte was sent: at the limit, plus what sat in socket buffers.
    expect(sent).toBeLessThan(limit * 4);
  });

  it('refuses a form without the file field, and a non-multipart body', async () => {
    const data = new FormData();
    data.set('description', 'no file');
    const res = await upload(data);
    expect(res.status).toBe(400);
    expect((await body<Problem>(res)).errors?.[0]).toMatchObject({ field: 'file', code: 'required' });
    const json = await t.call('/voip/file', { method: 'POST', body: '{}' });
    expect(json.status).toBe(415);
  });

  it('leaves no partial upload behind after refusals', async () => {
    // A refused upload's temporary file is removed as the refusal is sent, not before: on a loaded
    // machine the removal may land just after the answer, so the folder is given a moment (bounded).
    await vi.waitFor(
      () => expect(readdirSync(t.mock.ctx.dataDir).filter((f) => f.startsWith('.upload-'))).toEqual([]),
      { timeout: 5_000, interval: 50 },
    );
  });

  it('refuses to delete a file a live call plays (409 file_in_use)', async () => {
    const file = await body<AudioFile>(
      await upload(form(makeWav({ seconds: 1, notes: [500] }), 'g.wav', 'audio/wav')),
    );
    const placed = await t.call('/voip/call', {
      method: 'POST',
      body: JSON.stringify({ targetNumber: '+998909990011', fileId: file.id }),
    });
    expect(placed.status).toBe(201);
    const res = await t.call(`/voip/file/${file.id}`, { method: 'DELETE' });
    expect(res.status).toBe(409);
    expect((await body<Problem>(res)).code).toBe('file_in_use');
  });
});

describe('truncated forms', () => {
  it('refuses a form that ends before its closing delimiter, even with the whole file in it', async () => {
    const wav = makeWav({ seconds: 1, notes: [440] });
    const head = Buffer.from(
      '--b\r\nContent-Disposition: form-data; name="file"; filename="a.wav"\r\nContent-Type: audio/wav\r\n\r\n',
    );
    for (const tail of ['\r\n--b', '\r\n--b-', '']) {
      const res = await t.call('/voip/file', {
        method: 'POST',
        body: Buffer.concat([head, wav, Buffer.from(tail)]),
        headers: { 'content-type': 'multipart/form-data; boundary=b' },
      });
      expect(res.status, JSON.stringify(tail)).toBe(400);
    }
    const whole = await t.call('/voip/file', {
      method: 'POST',
      body: Buffer.concat([head, wav, Buffer.from('\r\n--b--\r\n')]),
      headers: { 'content-type': 'multipart/form-data; boundary=b' },
    });
    expect(whole.status).toBe(201);
  });
});

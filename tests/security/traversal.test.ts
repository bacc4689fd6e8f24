import { readdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AudioFile } from '../../profiles/call-center/models.ts';
import { makeWav } from '../../profiles/call-center/seed/wav.ts';
import { useMock } from '../mock/support.ts';
import { rawRequest } from '../support/raw-http.ts';

const t = await useMock();
const dataDir = t.mock.ctx.dataDir;
const parent = dirname(dataDir);
const wav = makeWav({ seconds: 1, sampleRate: 8000, notes: [440] });

function upload(name: string): Promise<Response> {
  const data = new FormData();
  data.set('file', new Blob([wav], { type: 'audio/wav' }), name);
  return t.call('/voip/file', { method: 'POST', body: data });
}

describe('uploads never escape the data directory', () => {
  const names = [
    '../../../../tmp/escaped.wav',
    '..\\..\\..\\windows\\escaped.wav',
    '/etc/escaped.wav',
    'C:\\escaped.wav',
    '....//....//escaped.wav',
    '%2e%2e%2fescaped.wav',
    'escaped.wav\u0000.txt',
    `${'a'.repeat(300)}.wav`,
    '.',
    '..',
  ];

  it.each(names)('a file named %j is stored under its id, inside the data directory', async (name) => {
    const res = await upload(name);
    expect([201, 400]).toContain(res.status);
    if (res.status !== 201) return;
    const file = (await res.json()) as AudioFile;
    expect(file.name).not.toMatch(/[/\\]/);
    expect(file.name).not.toContain(String.fromCharCode(0));
    expect(readdirSync(dataDir)).toContain(file.id);
    const download = await fetch(t.mock.origin + file.downloadUrl, {
      headers: { authorization: `Bearer ${t.token}` },
    });
    expect(download.status).toBe(200);
    expect(download.headers.get('content-disposition') ?? '').not.toMatch(/[/\\]|\r|\n/);
    expect(Buffer.from(await download.arrayBuffer()).equals(wav)).toBe(true);
  });

  it('left nothing but id-named files in the data directory, and no escaped file anywhere', () => {
    for (const entry of readdirSync(dataDir)) expect(entry).toMatch(/^[0-9a-f-]{36}$/);
    for (const dir of [parent, dirname(parent), '/tmp', '/etc'])
      expect(readdirSync(dir).filter((entry) => entry.includes('escaped'))).toEqual([]);
  });
});

describe('ids in paths are ids, never file paths', () => {
  const ids = [
    '..%2F..%2F..%2Fetc%2Fpasswd',
    '..%252F..%252Fpackage.json',
    '%2e%2e%2f%2e%2e%2fpackage.json',
    '....%2F%2Fpackage.json',
    '%00',
    'a%00b',
    '%2Fetc%2Fpasswd',
    '..%5C..%5Cpackage.json',
  ];

  it.each(ids)('GET /voip/file/%s/content is a 4xx problem, not a file', async (id) => {
    const res = await t.call(`/voip/file/${id}/content`);
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
  });

  it.each([
    '/api/docs/../../package.json',
    '/api/docs/..%2f..%2fpackage.json',
    '/api/docs/%2e%2e/%2e%2e/package.json',
    '/api/docs/..%5c..%5cpackage.json',
    '/api/docs//etc/passwd',
    '/api/docs/%00',
  ])('the docs folder does not serve %s', async (target) => {
    const res = await rawRequest(
      t.mock.port,
      `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`,
    );
    expect(res.status).toBeGreaterThanOrEqual(300);
    expect(res.body).not.toContain('"devDependencies"');
    expect(res.body).not.toContain('root:');
  });
});

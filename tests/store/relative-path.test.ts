import { mkdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeWav } from '../../profiles/call-center/seed/wav.ts';
import { openMock, storeDir } from './support.ts';

// `MOCK_DB=state.sqlite npm start` names the file relative to where the mock runs, and uploads go
// beside it (`state.sqlite.files`). A download must still work: Express sends only absolute paths,
// and refuses dot folders on the way unless the folder is the root it sends from.
const dir = await storeDir();

describe('a store file named by a relative path', () => {
  it.each(['state.sqlite', 'db.json'])('keeps %s uploads downloadable', async (name) => {
    // Under a dot folder too, as `.data/state.sqlite` or `~/.cache/...` are.
    await mkdir(join(dir, '.state'), { recursive: true });
    const db = relative(process.cwd(), join(dir, '.state', name));
    expect(db.startsWith('/')).toBe(false);
    const { mock, call, token } = await openMock(db, { calls: 20 });
    try {
      const wav = new Uint8Array(makeWav({ seconds: 1, notes: [440] }));
      const form = new FormData();
      form.set('file', new File([wav], 'beep.wav', { type: 'audio/wav' }));
      const uploaded = await fetch(`${mock.baseUrl}/voip/file`, {
        method: 'POST',
        body: form,
        headers: { authorization: `Bearer ${token}` },
      });
      expect(uploaded.status).toBe(201);
      const { id } = (await uploaded.json()) as { id: string };
      const content = await call(`/voip/file/${id}/content`);
      expect(content.status).toBe(200);
      expect(new Uint8Array(await content.arrayBuffer())).toEqual(wav);
    } finally {
      await mock.close();
    }
  });
});

import { describe, expect, it } from 'vitest';
import { toCurl } from './curl.ts';

describe('toCurl', () => {
  it.each([
    [
      'a GET',
      { method: 'GET', url: 'http://127.0.0.1:3001/api/qa?page=2', headers: {} },
      "curl -i 'http://127.0.0.1:3001/api/qa?page=2'",
    ],
    [
      'a JSON POST with a quote in the body',
      {
        method: 'POST',
        url: 'http://h/api/topics',
        headers: { 'content-type': 'application/json' },
        body: `{"name":"O'zbek"}`,
      },
      `curl -i -X POST 'http://h/api/topics' -H 'content-type: application/json' --data-raw '{"name":"O'\\''zbek"}'`,
    ],
    [
      'a multipart upload',
      {
        method: 'POST',
        url: 'http://h/api/voip/file',
        headers: {},
        form: ['file=@a.wav;type=audio/wav (44 bytes)'],
      },
      `curl -i -X POST 'http://h/api/voip/file' -F 'file=@a.wav;type=audio/wav (44 bytes)'`,
    ],
  ])('renders %s', (_, request, want) => {
    expect(toCurl(request)).toBe(want);
  });

  it('hides the session token as $TOKEN, in double quotes so the shell expands it', () => {
    const curl = toCurl(
      { method: 'GET', url: 'http://h/api/auth/me', headers: { authorization: 'Bearer abc.def.ghi' } },
      ['abc.def.ghi'],
    );
    expect(curl).toBe(`curl -i 'http://h/api/auth/me' -H "authorization: Bearer $TOKEN"`);
  });

  it('cuts very long bodies and says how long they were', () => {
    const curl = toCurl({ method: 'POST', url: 'http://h/x', headers: {}, body: 'x'.repeat(5000) });
    expect(curl).toContain('…(cut, 5000 characters in all)');
    expect(curl.length).toBeLessThan(4200);
  });
});

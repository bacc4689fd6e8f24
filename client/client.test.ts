import { describe, expect, it } from 'vitest';
import { createApiClient, serializeBody } from './client.ts';

describe('serializeBody', () => {
  const wav = new File([new Uint8Array([82, 73, 70, 70])], 'greeting.wav', { type: 'audio/wav' });
  const cases: [string, { given: unknown; want: 'json' | 'form' }][] = [
    ['a JSON body', { given: { targetNumber: '+998900000001' }, want: 'json' }],
    ['an array', { given: [{ a: 1 }], want: 'json' }],
    ['a body holding a File', { given: { file: wav, description: 'Salom' }, want: 'form' }],
    ['a body holding a Blob', { given: { file: new Blob(['x']) }, want: 'form' }],
    ['a FormData built by hand', { given: new FormData(), want: 'form' }],
  ];
  it.each(cases)('%s', (_name, { given, want }) => {
    const body = serializeBody(given);
    if (want === 'json') expect(body).toBe(JSON.stringify(given));
    else expect(body).toBeInstanceOf(FormData);
  });

  it('keeps a file its name and type, and other fields as text', () => {
    const form = serializeBody({ file: wav, description: 'Salom', skipped: undefined }) as FormData;
    const file = form.get('file') as File;
    expect([file.name, file.type, form.get('description'), form.has('skipped')]).toEqual([
      'greeting.wav',
      'audio/wav',
      'Salom',
      false,
    ]);
  });
});

describe('createApiClient', () => {
  /** The requests the client sends, answered 201 without a server. */
  function recordingClient() {
    const sent: Request[] = [];
    const api = createApiClient({
      baseUrl: 'http://mock.test/api',
      token: 't',
      fetch: async (input) => {
        sent.push(input as Request);
        return Response.json({}, { status: 201 });
      },
    });
    return { api, sent };
  }

  it('sends an upload as multipart/form-data without a bodySerializer of the caller', async () => {
    const { api, sent } = recordingClient();
    const file = new File([new Uint8Array(8)], 'a.wav', { type: 'audio/wav' });
    await api.POST('/voip/file', { body: { file, description: 'd' } });
    const request = sent[0] as Request;
    expect(request.headers.get('content-type')).toMatch(/^multipart\/form-data; boundary=/);
    const form = await request.formData();
    expect((form.get('file') as File).name).toBe('a.wav');
    expect(request.headers.get('authorization')).toBe('Bearer t');
  });

  it('sends other bodies as JSON', async () => {
    const { api, sent } = recordingClient();
    await api.POST('/voip/call', { body: { targetNumber: '+998900000001' } });
    const request = sent[0] as Request;
    expect(request.headers.get('content-type')).toBe('application/json');
    expect(await request.json()).toEqual({ targetNumber: '+998900000001' });
  });
});

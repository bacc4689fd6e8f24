import { describe, expect, it } from 'vitest';
import { describeTransportError } from './transport-error.ts';

const url = 'http://127.0.0.1:9/api/health';
const failed = (code: string, message = 'x') =>
  Object.assign(new TypeError('fetch failed'), { cause: { code, message } });

describe('describeTransportError', () => {
  it.each([
    ['a timeout', Object.assign(new Error('t'), { name: 'TimeoutError' }), /did not answer .* within 2 s/],
    [
      'a refused connection',
      failed('ECONNREFUSED'),
      /Nothing is listening at http:\/\/127\.0\.0\.1:9.*Is the backend running\?/,
    ],
    ['a reset connection', failed('ECONNRESET'), /closed the connection without answering/],
    [
      'something that is not HTTP',
      failed('HPE_INVALID_CONSTANT', 'Expected HTTP/'),
      /with something that is not HTTP/,
    ],
    ['an unknown host', failed('ENOTFOUND'), /cannot be resolved/],
  ])('says one sentence for %s', (_, error, want) => {
    const sentence = describeTransportError(error, url, 2000);
    expect(sentence).toMatch(want);
    expect(sentence).not.toContain('\n');
  });
});

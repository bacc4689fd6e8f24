import { describe, expect, it } from 'vitest';
import type { SpecOperation } from '../../mock/openapi/operations.ts';
import { HttpClient } from './http-client.ts';
import { ResourceTracker } from './resources.ts';

const deleteFile = {
  operationId: 'deleteFile',
  method: 'delete',
  path: '/voip/file/{fileId}',
  tags: [],
  operation: { responses: {} },
  parameters: [],
  security: [],
  emits: [],
  rateLimitPolicy: undefined,
} as unknown as SpecOperation;

/** A fetch that answers each call with the next of `answers`: a status, or a dropped connection. */
function scripted(answers: (number | 'drop')[]): { fetch: typeof fetch; calls: () => number } {
  let i = 0;
  const fake = async () => {
    const next = answers[Math.min(i++, answers.length - 1)];
    if (next === 'drop') throw new TypeError('fetch failed', { cause: { code: 'UND_ERR_SOCKET' } });
    return new Response(null, { status: next });
  };
  return { fetch: fake as unknown as typeof fetch, calls: () => i };
}

// The cleanup must not leave data behind on a hiccup: what fails transiently is retried, and what
// still cannot be removed is named.
describe('ResourceTracker.cleanup', () => {
  it.each([
    ['a dropped connection, then 204', ['drop', 204], [], 2],
    ['a 503, then 204', [503, 204], [], 2],
    ['an answer of 404 (already gone)', [404], [], 1],
    ['a connection dropped every time', ['drop'], [/Could not remove file f1: /], 4],
    ['a 403 (not retried: it will not change)', [403], [/Could not remove file f1: answered 403/], 1],
    [
      'a 409 past the patience (a call still live): says so, with the curl line',
      [409],
      [
        /Could not remove file f1: answered 409; still in use \(no problem details\)\. Once it is free: curl -i -X DELETE 'http:\/\/127\.0\.0\.1:9\/api\/voip\/file\/f1'/,
      ],
      -1,
    ],
  ] as [string, (number | 'drop')[], RegExp[], number][])('%s', async (_, answers, problems, sent) => {
    const { fetch, calls } = scripted(answers);
    const http = new HttpClient({ baseUrl: 'http://127.0.0.1:9/api', fetch, timeoutMs: 1000 });
    const tracker = new ResourceTracker();
    tracker.add('file f1', deleteFile, { fileId: 'f1' });
    // -1: a 409 is retried until the patience (here 300 ms) runs out, however many that is.
    const left = await tracker.cleanup(http, sent < 0 ? 300 : undefined);
    expect(left.length).toBe(problems.length);
    for (const [i, problem] of problems.entries()) expect(left[i]).toMatch(problem);
    if (sent >= 0) expect(calls()).toBe(sent);
    else expect(calls()).toBeGreaterThan(1);
  });
});

describe('ResourceTracker.cleanup, with no value for a path parameter', () => {
  it('names what it cannot remove and goes on with the rest, without throwing', async () => {
    const { fetch, calls } = scripted([204]);
    const http = new HttpClient({ baseUrl: 'http://127.0.0.1:9/api', fetch, timeoutMs: 1000 });
    const tracker = new ResourceTracker();
    tracker.add('file f1', deleteFile, { fileId: 'f1' });
    tracker.add('file of unknown id', deleteFile, { id: 'x' });
    const left = await tracker.cleanup(http);
    expect(left).toEqual([
      'Could not remove file of unknown id: the run has no value for {fileId} of deleteFile.',
    ]);
    expect(calls()).toBe(1);
  });
});

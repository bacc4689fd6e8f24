import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CheckContext } from '../check-context.ts';
import { type Contract, loadContract } from '../plan/load-contract.ts';
import type { Exchange, Failure } from '../types.ts';
import { notAServerError } from './not-a-server-error.ts';

// An operation that documents a 501 with a problem body: a server that says so is keeping the
// contract (a note), unless the run is strict; a 500, an undocumented 503 or a 501 with another
// body is a failure.
const SPEC = `
openapi: 3.0.3
info: { title: t, version: '1' }
paths:
  /reports:
    get:
      operationId: listReports
      responses:
        '200': { description: ok }
        '500': { description: crash }
        '501':
          description: Not implemented on this server.
          content:
            application/problem+json:
              schema: { type: object, required: [title], properties: { title: { type: string } } }
`;

let contract: Contract;
beforeAll(async () => {
  const dir = await mkdtemp(join(tmpdir(), 'server-errors-'));
  await writeFile(join(dir, 'reports.yaml'), SPEC);
  contract = await loadContract({ openapi: join(dir, 'reports.yaml') });
});

function answer(status: number, type: string, body: unknown): Exchange {
  const text = JSON.stringify(body);
  return {
    seq: 1,
    operationId: 'listReports',
    by: 'test',
    purpose: 'positive',
    request: { method: 'GET', url: 'http://127.0.0.1:9/reports', headers: {} },
    response: {
      status,
      headers: { 'content-type': type },
      text,
      json: body,
      bytes: new TextEncoder().encode(text),
    },
    sentAt: 0,
    durationMs: 1,
  };
}

async function judge(exchange: Exchange, strict: boolean) {
  const failures: Failure[] = [];
  const notes: string[] = [];
  const ctx = {
    contract,
    settings: { strictServerErrors: strict } as CheckContext['settings'],
    exchanges: () => [exchange],
    fail: ({ exchange: _, ...f }) => failures.push({ check: 'not_a_server_error', curl: undefined, ...f }),
    note: (text: string) => notes.push(text),
    judged: () => {},
  } as Partial<CheckContext> as CheckContext;
  notAServerError.judge?.(ctx, undefined);
  return { failures, notes };
}

describe('not_a_server_error and the 5xx an operation documents', () => {
  it.each([
    [
      'a documented 501 with its documented body is a note',
      501,
      'application/problem+json',
      { title: 'x' },
      false,
      'note',
    ],
    [
      'the same 501 fails with --strict-server-errors',
      501,
      'application/problem+json',
      { title: 'x' },
      true,
      'fail',
    ],
    [
      'a documented 501 with another body fails',
      501,
      'application/problem+json',
      { detail: 'x' },
      false,
      'fail',
    ],
    ['a documented 501 as text/html fails', 501, 'text/html', '<h1>501</h1>', false, 'fail'],
    ['an undocumented 503 fails', 503, 'application/problem+json', { title: 'x' }, false, 'fail'],
    ['a 500 always fails, documented or not', 500, 'application/problem+json', { title: 'x' }, false, 'fail'],
  ] as const)('%s', async (_name, status, type, body, strict, want) => {
    const { failures, notes } = await judge(answer(status, type, body), strict);
    if (want === 'note') {
      expect(failures).toEqual([]);
      expect(notes.join(' ')).toMatch(
        /listReports answered 501 .*documents \(responses\/501\).*--strict-server-errors/,
      );
    } else expect(failures.map((f) => f.title)).toEqual(['Server error']);
  });
});

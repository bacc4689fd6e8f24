import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import type { MockOptions } from '../../profiles/call-center/package.ts';
import { type RunningMock, startMock } from '../../profiles/call-center/package.ts';
import { demoLogin } from '../../scripts/support/demo-login.ts';
import { TEST_OPTIONS } from '../mock/support.ts';
import { bin, run } from '../support/processes.ts';

/** A folder of store files for one test file, removed after it. */
export async function storeDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'mock-store-'));
  afterAll(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/** A mock on a store file, logged in: `call` sends JSON with the demo user's token. */
export async function openMock(db: string, overrides: Partial<MockOptions> = {}) {
  const mock: RunningMock = await startMock({ ...TEST_OPTIONS, calls: 200, db, ...overrides });
  const token = await demoLogin(mock.baseUrl);
  const call = (path: string, init: RequestInit = {}) =>
    fetch(mock.baseUrl + path, {
      ...init,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...init.headers },
    });
  return { mock, call, token };
}

/** The CLI started on `env` (a test's store file), to its end: what a user sees at a refusal. */
export function runCli(env: NodeJS.ProcessEnv): Promise<{ code: number; output: string }> {
  return run(
    bin('tsx'),
    ['profiles/call-center/cli.ts'],
    { PORT: '0', MOCK_LOG: 'off', MOCK_CALLS: '50', ...env },
    { timeoutMs: 60_000 },
  );
}

/** A one-line refusal: no stack trace, no second line. */
export function oneLine(output: string): string {
  const lines = output.trim().split('\n');
  if (lines.length !== 1 || /\n\s+at /.test(output)) throw new Error(`not one line:\n${output}`);
  return lines[0] as string;
}

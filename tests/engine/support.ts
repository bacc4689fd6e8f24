import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import YAML from 'yaml';
import { ASYNCAPI_PATH, OPENAPI_PATH } from '../../mock/openapi/paths.ts';
import { readYaml } from '../../mock/openapi/read-yaml.ts';
import { type RunningMock, startMock } from '../../profiles/call-center/package.ts';
import { TEST_OPTIONS } from '../mock/support.ts';

// biome-ignore lint/suspicious/noExplicitAny: a YAML document that tests edit freely
export type Doc = Record<string, any>;

/**
 * Writes an edited copy of this project's openapi.yaml (and asyncapi.yaml beside it) to a
 * temporary folder and starts the mock on it: the edits of a contract, served with no code change.
 */
export async function mockOfEditedContract(edit: (doc: Doc) => void): Promise<RunningMock> {
  const path = await editedContract(edit);
  const mock = await startMock({ ...TEST_OPTIONS, calls: 50 }, path);
  afterAll(() => mock.close());
  return mock;
}

/** The path of an edited copy of openapi.yaml (asyncapi.yaml beside it), removed after the file's tests. */
export async function editedContract(edit: (doc: Doc) => void): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'edited-contract-'));
  afterAll(() => rm(dir, { recursive: true, force: true }));
  const doc = structuredClone((await readYaml(OPENAPI_PATH)) as Doc);
  edit(doc);
  const path = join(dir, 'openapi.yaml');
  await writeFile(path, YAML.stringify(doc, { aliasDuplicateObjects: false }));
  await copyFile(ASYNCAPI_PATH, join(dir, 'asyncapi.yaml'));
  return path;
}

/** Logs in as the demo user and answers a fetch with its token. */
export async function authorised(
  mock: RunningMock,
): Promise<(path: string, init?: RequestInit) => Promise<Response>> {
  const res = await fetch(`${mock.baseUrl}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'admin@example.com', password: 'admin123' }),
  });
  const { token } = (await res.json()) as { token: string };
  return (path, init = {}) => {
    const headers = new Headers(init.headers);
    headers.set('authorization', `Bearer ${token}`);
    if (typeof init.body === 'string') headers.set('content-type', 'application/json');
    return fetch(mock.baseUrl + path, { ...init, headers });
  };
}

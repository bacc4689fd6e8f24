import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { createInProcessMock, type InProcessMock } from '../../mock/in-process.ts';
import { TEST_OPTIONS } from './support.ts';

/**
 * The in-process mock of a small OpenAPI document written in the test (a file in a temporary
 * folder, removed with the mock after the file's tests): the shape of one real API, reduced.
 */
export async function mockOfSpec(document: object): Promise<InProcessMock> {
  const dir = await mkdtemp(join(tmpdir(), 'small-spec-'));
  const path = join(dir, 'openapi.json');
  await writeFile(path, JSON.stringify(document));
  const mock = await createInProcessMock({ ...TEST_OPTIONS, log: 'off' }, path);
  afterAll(async () => {
    await mock.close();
    await rm(dir, { recursive: true, force: true });
  });
  return mock;
}

/** An OpenAPI 3.0 document of these paths and component schemas. */
export function openapi(paths: object, schemas: object = {}): object {
  return {
    openapi: '3.0.3',
    info: { title: 'small', version: '1' },
    servers: [{ url: 'http://localhost/api' }],
    paths,
    components: { schemas },
  };
}

import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT_DIR } from '../../mock/openapi/paths.ts';
import { startMock } from '../../mock/start-mock.ts';
import { TEST_OPTIONS } from '../mock/support.ts';

// A document that only a known bug of the validator refuses starts, with a warning; a document
// with a real problem beside the same bug is still refused.

const FIXTURE = join(ROOT_DIR, 'tests/corpus/fixtures/bearer-3.1.yaml');
const dir = await mkdtemp(join(tmpdir(), 'validator-bugs-'));
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('a document a validator wrongly refuses', () => {
  it('starts with a warning, without lenient, and asks for its bearer token', async () => {
    const mock = await startMock({ ...TEST_OPTIONS, lenient: false }, FIXTURE);
    try {
      expect(mock.specProblems).toEqual([]);
      expect(mock.specWarnings).toEqual([
        expect.stringMatching(/securitySchemes\/bearerAuth: scheme "Bearer"/),
      ]);
      expect((await fetch(`${mock.baseUrl}/pets`)).status).toBe(401);
      const res = await fetch(`${mock.baseUrl}/pets`, { headers: { authorization: 'Bearer x' } });
      expect(res.status).toBe(200);
    } finally {
      await mock.close();
    }
  });

  it('is still refused for a real problem beside it', async () => {
    const broken = join(dir, 'broken.yaml');
    const text = await readFile(FIXTURE, 'utf8');
    await writeFile(broken, text.replace('type: http', 'type: htp'));
    await expect(startMock({ ...TEST_OPTIONS, lenient: false }, broken)).rejects.toThrow(
      /not a valid OpenAPI/,
    );
  });
});

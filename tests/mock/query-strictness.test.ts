import { readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OPENAPI_PATH } from '../../mock/openapi/paths.ts';
import type { Problem } from '../../profiles/call-center/models.ts';
import { useMock } from './support.ts';

// Found by Specmatic: the mock read `?q=` as "no q" and took `status=a&status=b` for a
// comma-separated list, where OpenAPI 3.0 (allowEmptyValue false, explode false) refuses both.

const t = await useMock();

// The same contract, with `q` of GET /topics allowing the empty value.
const lenientQ = join(tmpdir(), `openapi-allow-empty-${process.pid}.yaml`);
const text = await readFile(OPENAPI_PATH, 'utf8');
const marker = 'description: Only topics whose name contains this text (case-insensitive).\n';
await writeFile(lenientQ, text.replace(marker, `${marker}          allowEmptyValue: true\n`));
const allowing = await useMock({ spec: lenientQ });

const problem = async (res: Response) => ({ status: res.status, body: (await res.json()) as Problem });

describe('query values exactly as the contract declares them', () => {
  it.each([
    '/topics?q=',
    '/qa?q=',
    '/voip/file?q=',
    '/voip/calls?status=',
    '/voip/calls?page=',
    '/statistics?days=',
  ])('%s is a 400 naming the empty parameter', async (url) => {
    const { status, body } = await problem(await t.call(url));
    const name = url.slice(url.indexOf('?') + 1, -1);
    expect(status).toBe(400);
    expect(body.code).toBe('validation_failed');
    expect(body.errors).toEqual([expect.objectContaining({ in: 'query', field: name, code: 'empty' })]);
  });

  it('takes an empty value where the parameter declares allowEmptyValue', async () => {
    expect(
      allowing.mock.ctx.operations.get('listTopics')?.parameters.find((p) => p.name === 'q'),
    ).toMatchObject({
      allowEmptyValue: true,
    });
    const res = await allowing.call('/topics?q=');
    // The empty text is then a value like any other: here it breaks q's minLength, not "empty".
    const { body } = await problem(res);
    expect(body.errors?.map((e) => e.code)).toEqual(['minLength']);
  });

  it('takes status=a,b (explode false) and refuses status=a&status=b, naming the expected form', async () => {
    expect((await t.call('/voip/calls?status=completed,busy')).status).toBe(200);
    const { status, body } = await problem(await t.call('/voip/calls?status=completed&status=busy'));
    expect(status).toBe(400);
    expect(body.errors).toEqual([
      expect.objectContaining({
        in: 'query',
        field: 'status',
        code: 'style',
        message: expect.stringContaining('status=a,b'),
      }),
    ]);
  });

  it('still treats an absent parameter as absent', async () => {
    expect((await t.call('/voip/calls')).status).toBe(200);
    expect((await t.call('/statistics')).status).toBe(200);
  });
});

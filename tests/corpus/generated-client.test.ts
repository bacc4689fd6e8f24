import { readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { createClient as generateClient } from '@hey-api/openapi-ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT_DIR } from '../../mock/openapi/paths.ts';
import { type RunningMock, startMock } from '../../mock/start-mock.ts';
import { TEST_OPTIONS } from '../mock/support.ts';
import { entryFile, readCorpus } from './corpus-entries.ts';

// A strict client from an outside generator against the mock of the description it was generated
// from: @hey-api/openapi-ts with its zod plugin and `validator: true`, so every request and every
// answer is parsed by the zod schemas it generated. Netlify's description (sites: create, list,
// read, update, the `unlink_repo` action, delete), and a refusal decoded with the generated error
// schema. Each step's outcome is compared with tests/corpus/expected-client-failures.json.

const ENTRY = readCorpus().find((e) => e.id === 'netlify');
const OUT = join(ROOT_DIR, 'reports', 'generated-clients', 'netlify');
/** tests/corpus/expected-client-failures.json: the steps that fail today, by description. */
const EXPECTED = new Set(
  (
    JSON.parse(readFileSync(join(ROOT_DIR, 'tests/corpus/expected-client-failures.json'), 'utf8')) as Record<
      string,
      string[]
    >
  ).netlify ?? [],
);

// biome-ignore lint/suspicious/noExplicitAny: the generated module is imported at run time
type Generated = Record<string, any>;

describe('a generated strict client (hey-api, zod) against the mock of its description', () => {
  let mock: RunningMock;
  let sdk: Generated;
  let zod: Generated;
  const outcomes = new Map<string, string>();

  beforeAll(async () => {
    if (!ENTRY) throw new Error('tests/corpus/corpus.json names no netlify');
    await rm(OUT, { recursive: true, force: true });
    await generateClient({
      input: entryFile(ENTRY),
      output: { path: OUT, format: false, lint: false },
      logs: { level: 'silent' },
      plugins: [
        '@hey-api/client-fetch',
        { name: 'zod', compatibilityVersion: 3 },
        { name: '@hey-api/sdk', validator: true },
      ],
    });
    mock = await startMock({ ...TEST_OPTIONS, host: '127.0.0.1' }, entryFile(ENTRY));
    sdk = (await import(join(OUT, 'sdk.gen.ts'))) as Generated;
    zod = (await import(join(OUT, 'zod.gen.ts'))) as Generated;
    const { client } = (await import(join(OUT, 'client.gen.ts'))) as Generated;
    client.setConfig({ baseUrl: mock.baseUrl, auth: () => 'any-token' });
  }, 120_000);
  afterAll(() => mock?.close());

  /** Runs a step; its outcome is `passes` or why it failed (a throw of the client's validators included). */
  const step = async (name: string, run: () => Promise<string | undefined>) => {
    const why = await run().catch(
      (error: unknown) => `threw: ${String((error as Error)?.message ?? error).slice(0, 200)}`,
    );
    outcomes.set(name, why ?? 'passes');
  };

  it('does a create, list, read, update, action and delete session, and decodes a refusal', async () => {
    let id: string | undefined;
    const path = () => ({ site_id: id ?? 'none' });
    await step('create', async () => {
      const { data, response } = await sdk.createSite({ body: { name: 'corpus-site' } });
      id = data?.id;
      return response.status === 201 && id ? undefined : `answered ${response.status} with no id`;
    });
    await step('list', async () => {
      const { data, response } = await sdk.listSites({ query: { per_page: 100 } });
      return Array.isArray(data) && data.some((s: { id?: string }) => s.id === id)
        ? undefined
        : `answered ${response.status}; the created site is not listed`;
    });
    await step('read', async () => {
      const { data, response } = await sdk.getSite({ path: path() });
      return data?.id === id && data?.name === 'corpus-site'
        ? undefined
        : `answered ${response.status}: ${JSON.stringify(data)?.slice(0, 120)}`;
    });
    await step('update', async () => {
      const { data, response } = await sdk.updateSite({ path: path(), body: { name: 'corpus-renamed' } });
      return data?.name === 'corpus-renamed'
        ? undefined
        : `answered ${response.status}: ${JSON.stringify(data)?.slice(0, 120)}`;
    });
    await step('action', async () => {
      const { data, response } = await sdk.unlinkSiteRepo({ path: path() });
      return response.ok && data?.id === id
        ? undefined
        : `answered ${response.status}: ${JSON.stringify(data)?.slice(0, 120)}`;
    });
    await step('delete', async () => {
      const { response } = await sdk.deleteSite({ path: path() });
      return response.status === 204 ? undefined : `answered ${response.status}`;
    });
    await step('refusal', async () => {
      const { error, response } = await sdk.getSite({ path: path() });
      if (response.status !== 404) return `a deleted site answered ${response.status}`;
      const decoded = zod.zError.safeParse(error);
      return decoded.success
        ? undefined
        : `the 404's body is not the documented error: ${JSON.stringify(error).slice(0, 120)}`;
    });
    const failing = [...outcomes].filter(([, o]) => o !== 'passes').map(([name]) => name);
    const report = JSON.stringify(Object.fromEntries(outcomes), null, 1);
    expect(
      failing.filter((name) => !EXPECTED.has(name)),
      `new failures: ${report}`,
    ).toEqual([]);
    expect(
      [...EXPECTED].filter((name) => !failing.includes(name)),
      `now passes, remove it from expected-client-failures.json: ${report}`,
    ).toEqual([]);
    expect(outcomes.size).toBe(7);
  });
});

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { faker as englishFaker } from '@faker-js/faker/locale/en';
import { faker as uzbekFaker } from '@faker-js/faker/locale/uz_UZ_latin';
import type { Metafile } from 'esbuild';
import { stop } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import bundled from '../../generated/openapi.bundle.json' with { type: 'json' };
import { dereferenceLocal } from '../../mock/openapi/dereference-local.ts';
import type { OpenApiDocument } from '../../mock/openapi/load-spec.ts';
import { listOperations } from '../../mock/openapi/operations.ts';
import { ROOT_DIR } from '../../mock/openapi/paths.ts';
import { createBrowserMockHandlers } from '../../profiles/call-center/browser.ts';
import { buildBrowserMock, PREPARED_LOCALES, withoutProse } from '../../scripts/build-browser.mjs';

// What the browser build leaves out of the page (scripts/build-browser.mjs), held to leave the
// answers as they are: faker's data cut to the categories the bundled contract reaches, the
// contract without its prose, and the chunks a page loads only on demand.

/** Faker's data categories read while this runs, by locale module. */
const read: Record<string, Set<string>> = { uz_UZ_latin: new Set(), en: new Set() };
for (const [name, module] of [
  ['uz_UZ_latin', uzbekFaker],
  ['en', englishFaker],
] as const) {
  const definitions = module.rawDefinitions as Record<string, object>;
  for (const category of Object.keys(definitions))
    definitions[category] = new Proxy(definitions[category] as object, {
      get(target, key) {
        read[name]?.add(category);
        return Reflect.get(target, key);
      },
    });
}

const options = { seed: 7, calls: 300, seedDate: '2026-11-01', auth: false };
const document = dereferenceLocal(structuredClone(bundled) as unknown as OpenApiDocument);
const SOME_ID = '00000000-0000-4000-8000-000000000000';

/**
 * Every operation asked for each of its documented answers (`Prefer: code=`) and a generated one
 * (`Prefer: dynamic=true`), and every list as it is: what reaches the generator and the seed.
 */
function requests(): [string, RequestInit][] {
  const out: [string, RequestInit][] = [];
  for (const op of listOperations(document)) {
    const path = `/api${op.path.replace(/\{[^}]+\}/g, SOME_ID)}`;
    const method = op.method.toUpperCase();
    const body = method === 'POST' || method === 'PUT' || method === 'PATCH' ? '{}' : undefined;
    const headers = { 'content-type': 'application/json' };
    if (method === 'GET') out.push([path, { method }]);
    for (const prefer of ['dynamic=true', ...Object.keys(op.operation.responses).map((c) => `code=${c}`)])
      out.push([path, { method, body, headers: { ...headers, prefer } }]);
  }
  // Refusals, whose messages come from the schemas: a number, a filter, a page, a cross-field rule.
  const json = { 'content-type': 'application/json' };
  out.push(['/api/voip/call', { method: 'POST', body: '{"targetNumber":"12345"}', headers: json }]);
  out.push(['/api/voip/calls?status=bogus', { method: 'GET' }]);
  out.push(['/api/qa?page=0', { method: 'GET' }]);
  out.push(['/api/statistics?days=7&months=2', { method: 'GET' }]);
  out.push(['/api/voip/call', { method: 'POST', body: '{"targetNumber":"+998901112233"}', headers: json }]);
  return out;
}

/** Status and body, timestamps masked: a generated date-time is drawn up to the mock's now. */
async function answers(mock: { fetch(request: Request): Promise<Response> }) {
  const out: string[] = [];
  let n = 0;
  for (const [path, init] of requests()) {
    const headers = { ...(init.headers as Record<string, string>), 'x-request-id': `r${++n}` };
    const res = await mock.fetch(new Request(`http://page.local${path}`, { ...init, headers }));
    const text = (await res.text()).replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z/g, '~');
    out.push(
      `${init.method} ${path} ${init.headers ? JSON.stringify(init.headers) : ''} ${res.status} ${text}`,
    );
  }
  return out;
}

afterAll(() => stop());

describe('the browser build', () => {
  it("carries every category of faker's data a call-center mock reads, and no other locale's", async () => {
    for (const seed of [1, 7, 42]) {
      const { mock } = await createBrowserMockHandlers({ ...options, seed });
      await answers(mock);
      await mock.close();
    }
    expect(read.uz_UZ_latin?.size).toBeGreaterThan(0);
    for (const [name, categories] of Object.entries(read))
      expect(
        [...categories].filter((c) => !PREPARED_LOCALES[name]?.includes(c)),
        name,
      ).toEqual([]);
  });

  it('answers every request alike from the contract without its prose', async () => {
    const whole = await createBrowserMockHandlers(options);
    const lean = await createBrowserMockHandlers({ ...options, document: withoutProse(bundled) });
    try {
      const [a, b] = [await answers(whole.mock), await answers(lean.mock)];
      expect(a.length).toBeGreaterThan(50);
      expect(b).toEqual(a);
    } finally {
      await Promise.all([whole.mock.close(), lean.mock.close()]);
    }
    // A quarter of the text, half of it gzipped, is prose.
    expect(JSON.stringify(withoutProse(bundled)).length).toBeLessThan(JSON.stringify(bundled).length * 0.75);
  });

  it("answers every request alike with the validators and option defaults made at build time, and another contract with Ajv's", async () => {
    // Built where Node finds msw and takes .js for ES modules, as the package's lib/browser is, and
    // run here: the page's code. Not in lib/ itself, which the packing tests rebuild meanwhile.
    const dir = await mkdtemp(join(ROOT_DIR, 'mock', '.browser-test-'));
    try {
      await buildBrowserMock(dir);
      const built = (await import(join(dir, 'msw-browser.js'))) as {
        createBrowserMockHandlers: typeof createBrowserMockHandlers;
      };
      const node = await createBrowserMockHandlers(options);
      const expected = await answers(node.mock);
      await node.mock.close();
      const page = await built.createBrowserMockHandlers({ ...options, keepSeed: false });
      expect(await answers(page.mock).finally(() => page.mock.close())).toEqual(expected);
      // The options' defaults, which the page has as values made at build time.
      expect(page.mock.ctx.options).toStrictEqual(node.mock.ctx.options);
      // Then, once a contract of the page's own has brought Ajv's compiler in, every mock compiles.
      const own = await built.createBrowserMockHandlers({
        ...options,
        keepSeed: false,
        document: withoutProse(bundled),
      });
      expect(await answers(own.mock).finally(() => own.mock.close())).toEqual(expected);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('leaves out of the page what it loads only on demand, and the parsers of a server', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'browser-build-'));
    const result = await buildBrowserMock(dir, { metafile: true }).finally(() =>
      rm(dir, { recursive: true, force: true }),
    );
    const { outputs } = result.metafile as Metafile;
    const entry = Object.keys(outputs).find((file) => file.endsWith('msw-browser.js')) as string;
    // What the page loads with the entry: its static imports, transitively.
    const loaded = new Set<string>();
    const visit = (file: string) => {
      if (loaded.has(file)) return;
      loaded.add(file);
      for (const i of outputs[file]?.imports ?? [])
        if (i.kind === 'import-statement' && !i.external) visit(i.path);
    };
    visit(entry);
    const inputs = [...loaded].flatMap((file) => Object.keys(outputs[file]?.inputs ?? {}));
    const unwanted =
      /faker\/dist\/(en|uz_UZ_latin)-|file-type|pino|js-yaml|swagger-parser|@asyncapi\/parser|swagger-ui|ajv\/dist\/(core|compile)|sql-call-queries\.ts|call-aggregates/;
    expect(inputs.filter((input) => unwanted.test(input))).toEqual([]);
    // Nor the SQL of an SQLite store, which a page has not (scripts/build-browser.mjs, noSqlInPage).
    // Loaded on demand: faker's whole locales and Ajv's compiler (another contract), file-type (an upload).
    const all = Object.values(outputs).flatMap((o) => Object.keys(o.inputs));
    expect(all.some((input) => /faker\/dist\/en-/.test(input))).toBe(true);
    expect(all.some((input) => /ajv\/dist\/core/.test(input))).toBe(true);
    expect(all.some((input) => /file-type/.test(input))).toBe(true);
  });
});

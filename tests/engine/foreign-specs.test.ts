import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT_DIR } from '../../mock/openapi/paths.ts';
import { startMock } from '../../profiles/call-center/package.ts';
import { TEST_OPTIONS } from '../mock/support.ts';
import { sendTypical } from './foreign-requests.ts';

// Any valid contract starts: a small one written here, and the real-world OpenAPI 3.0 and 3.1
// documents of @readme/oas-examples. No profile, no x- extension, no code for any of them.

const LIBRARY = join(ROOT_DIR, 'tests/engine/fixtures/library.yaml');
const EXAMPLES = join(ROOT_DIR, 'node_modules/@readme/oas-examples');
const DOCUMENTS = ['3.0', '3.1'].flatMap((version) =>
  readdirSync(join(EXAMPLES, version, 'yaml')).map((file) => join(EXAMPLES, version, 'yaml', file)),
);

/**
 * Operations whose contract leaves no answer but a server error or one fetch cannot read: the
 * http-status-codes document describes each status as the only answer of its own path.
 */
const documentsOnlyServerErrors = (statuses: string[]) =>
  statuses.length > 0 && statuses.every((s) => /^5/.test(s));
const UNREADABLE_BY_FETCH = new Set(['407']);

describe('a foreign contract with no extension is served', async () => {
  const mock = await startMock({ ...TEST_OPTIONS, log: 'off' }, LIBRARY);
  const key = { 'x-api-key': 'anything', 'content-type': 'application/json' };
  const call = (path: string, init: RequestInit = {}) =>
    fetch(mock.baseUrl + path, { ...init, headers: { ...key, ...(init.headers as object) } });

  it('finds its collections and their ids, envelopes and paging', () => {
    const byName = Object.fromEntries(mock.ctx.resources.map((r) => [r.name, r]));
    expect(Object.keys(byName).sort()).toEqual(['authors', 'books']);
    expect(byName.authors).toMatchObject({ idField: 'id', idKind: 'integer', envelope: { kind: 'array' } });
    expect(byName.authors?.paging).toMatchObject({ pageSize: 'limit', offset: 'offset', defaultSize: 10 });
    expect(byName.books?.parent).toEqual({ param: 'authorId', field: 'authorId', collection: 'authors' });
    expect(mock.baseUrl.endsWith('/v1')).toBe(true);
  });

  it('asks for the API key its security scheme names, and takes any', async () => {
    expect((await fetch(`${mock.baseUrl}/authors`)).status).toBe(401);
    expect((await call('/authors')).status).toBe(200);
  });

  it('keeps state: create, read, merge with PATCH, filter, page, delete', async () => {
    const created = await call('/authors', {
      method: 'POST',
      body: JSON.stringify({ name: 'Abdulla Qodiriy', country: 'UZ' }),
    });
    expect(created.status).toBe(201);
    const author = (await created.json()) as { id: number };
    expect(author).toMatchObject({ name: 'Abdulla Qodiriy', country: 'UZ', active: true });
    expect(author.id).toBe(11); // ten seeded, integer ids count on
    expect(created.headers.get('location')).toBe(`/v1/authors/${author.id}`);
    const patched = await call(`/authors/${author.id}`, {
      method: 'PATCH',
      body: JSON.stringify({ active: false }),
    });
    expect(await patched.json()).toEqual({ ...author, active: false });
    const page = (await (await call('/authors?limit=3&offset=0')).json()) as unknown[];
    expect(page).toHaveLength(3);
    const uz = (await (await call('/authors?country=UZ&limit=50')).json()) as { country: string }[];
    expect(uz.every((a) => a.country === 'UZ')).toBe(true);
    expect((await call(`/authors/${author.id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await call(`/authors/${author.id}`)).status).toBe(404);
  });

  it('keeps a nested collection under its parent', async () => {
    const added = await call('/authors/1/books', {
      method: 'POST',
      body: JSON.stringify({ title: "O'tkan kunlar" }),
    });
    expect(added.status).toBe(201);
    const book = (await added.json()) as { id: number; authorId: number };
    expect(book.authorId).toBe(1);
    expect((await call(`/authors/1/books/${book.id}`)).status).toBe(200);
    expect((await call(`/authors/2/books/${book.id}`)).status).toBe(404);
    const orphan = await call('/authors/999/books', {
      method: 'POST',
      body: JSON.stringify({ title: 'Yetim' }),
    });
    expect(orphan.status).toBe(404);
    const books = (await (await call('/authors/1/books')).json()) as { id: number; authorId: number }[];
    expect(books.some((b) => b.id === book.id) && books.every((b) => b.authorId === 1)).toBe(true);
  });

  it('answers what is no collection from its example, and refuses bad input with a problem', async () => {
    expect(await (await call('/stats')).json()).toEqual({ authors: 42 });
    const bad = await call('/authors', { method: 'POST', body: JSON.stringify({ name: '' }) });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toContain('application/problem+json');
    // A contract that names no place for its problem types gets URNs, not this project's site.
    expect(((await bad.json()) as { type: string }).type).toBe('urn:problem-type:validation_failed');
  });
});

describe('seeds of a foreign contract', () => {
  it('are byte-identical for the same seed, and sized per collection by MOCK_COUNTS', async () => {
    const options = { ...TEST_OPTIONS, log: 'off' as const, counts: { authors: 3 } };
    const [a, b] = await Promise.all([startMock(options, LIBRARY), startMock(options, LIBRARY)]);
    const c = await startMock({ ...options, seed: 2 }, LIBRARY);
    try {
      expect(JSON.stringify(a.ctx.store.snapshot())).toBe(JSON.stringify(b.ctx.store.snapshot()));
      expect(JSON.stringify(c.ctx.store.snapshot())).not.toBe(JSON.stringify(a.ctx.store.snapshot()));
      expect(a.ctx.store.collection('authors').size).toBe(3);
      expect(a.ctx.store.collection('books').size).toBe(10);
      for (const book of a.ctx.store.collection('books').all())
        expect([1, 2, 3], 'a seeded book points at a seeded author').toContain(book.authorId);
    } finally {
      await Promise.all([a.close(), b.close(), c.close()]);
    }
  });
});

describe.each(DOCUMENTS.map((path) => [path.slice(EXAMPLES.length + 1), path]))(
  'oas-examples %s',
  (_name, path) => {
    it('starts, answers every operation without a 5xx, and keeps state on its collections', async () => {
      const mock = await startMock({ ...TEST_OPTIONS, log: 'off' }, path);
      try {
        for (const op of mock.ctx.operations.values()) {
          const statuses = Object.keys(op.operation.responses ?? {});
          if (documentsOnlyServerErrors(statuses) || statuses.some((s) => UNREADABLE_BY_FETCH.has(s)))
            continue;
          const res = await sendTypical(mock, op);
          expect(
            res.status,
            `${op.method.toUpperCase()} ${op.path}: ${await res.clone().text()}`,
          ).toBeLessThan(500);
        }
        for (const resource of mock.ctx.resources) {
          const { create, read } = resource.operations;
          if (!create || !read) continue;
          const res = await sendTypical(mock, create);
          if (res.status >= 300) continue; // the generated body broke a rule the schema could not say
          const record = [...mock.ctx.store.collection(resource.name).all()].at(-1);
          expect(record, `${resource.name}: the created record is stored`).toBeDefined();
        }
      } finally {
        await mock.close();
      }
    });
  },
);

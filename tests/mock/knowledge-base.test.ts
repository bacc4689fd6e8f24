import { describe, expect, it } from 'vitest';
import type { Page, Problem, Qa, Topic } from '../../profiles/call-center/models.ts';
import { json, useMock } from './support.ts';

const t = await useMock();
const body = async <T>(res: Response) => (await res.json()) as T;

describe('topics keep state', () => {
  it('creates, reads, lists and deletes; a later GET is 404', async () => {
    const created = await t.call(
      '/topics',
      json('POST', { name: "Sug'urta", description: "Sug'urta polislari" }),
    );
    expect(created.status).toBe(201);
    const topic = await body<Topic>(created);
    expect(created.headers.get('location')).toBe(`/api/topics/${topic.id}`);
    expect(await body(await t.call(`/topics/${topic.id}`))).toEqual(topic);
    const listed = await body<Page & { items: Topic[] }>(await t.call('/topics?q=sug&pageSize=100'));
    expect(listed.items.map((x) => x.id)).toContain(topic.id);
    expect((await t.call(`/topics/${topic.id}`, { method: 'DELETE' })).status).toBe(204);
    const gone = await t.call(`/topics/${topic.id}`);
    expect(gone.status).toBe(404);
    expect((await body<Problem>(gone)).code).toBe('not_found');
  });

  it('refuses a duplicate name, case-insensitively, with 409 topic_name_taken', async () => {
    expect((await t.call('/topics', json('POST', { name: 'Avtokredit' }))).status).toBe(201);
    const again = await t.call('/topics', json('POST', { name: '  AVTOKREDIT ' }));
    expect(again.status).toBe(409);
    expect((await body<Problem>(again)).code).toBe('topic_name_taken');
  });

  it('refuses to delete a topic that still has pairs (409 topic_in_use), then deletes it once empty', async () => {
    const topic = await body<Topic>(await t.call('/topics', json('POST', { name: 'Ipoteka' })));
    const qa = await body<Qa>(
      await t.call(
        '/qa',
        json('POST', { question: 'Ipoteka foizi qancha?', answer: 'Yillik 18 foiz.', topicId: topic.id }),
      ),
    );
    const refused = await t.call(`/topics/${topic.id}`, { method: 'DELETE' });
    expect(refused.status).toBe(409);
    expect((await body<Problem>(refused)).code).toBe('topic_in_use');
    await t.call(`/qa/${qa.id}`, { method: 'DELETE' });
    expect((await t.call(`/topics/${topic.id}`, { method: 'DELETE' })).status).toBe(204);
  });

  it('lists topics by name with the one envelope', async () => {
    const page = await body<Page & { items: Topic[] }>(await t.call('/topics?pageSize=3&page=2'));
    expect(page).toMatchObject({ page: 2, pageSize: 3 });
    expect(page.totalPages).toBe(Math.ceil(page.total / 3));
    const all = await body<Page & { items: Topic[] }>(await t.call('/topics?pageSize=100'));
    const names = all.items.map((x) => x.name);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'uz')));
    expect(page.items).toEqual(all.items.slice(3, 6));
  });
});

describe('question and answer pairs keep state', () => {
  it('creates with defaults, replaces with PUT, deletes; a later GET is 404', async () => {
    const created = await t.call(
      '/qa',
      json('POST', { question: 'Bankomat kartamni yutib yubordi', answer: 'Filialga pasport bilan keling.' }),
    );
    expect(created.status).toBe(201);
    const qa = await body<Qa>(created);
    expect(qa).toMatchObject({ topicId: null, tags: [], enabled: true });
    expect(await body(await t.call(`/qa/${qa.id}`))).toEqual(qa);

    const topic = (await body<Page & { items: Topic[] }>(await t.call('/topics?pageSize=1'))).items[0];
    const put = await t.call(
      `/qa/${qa.id}`,
      json('PUT', {
        question: qa.question,
        answer: 'Yangi javob.',
        topicId: topic?.id,
        tags: ['karta'],
        enabled: false,
      }),
    );
    expect(put.status).toBe(200);
    const updated = await body<Qa>(put);
    expect(updated).toMatchObject({
      id: qa.id,
      answer: 'Yangi javob.',
      topicId: topic?.id,
      tags: ['karta'],
      enabled: false,
      createdAt: qa.createdAt,
    });
    // PUT replaces: what is left out goes back to its default.
    const replaced = await body<Qa>(
      await t.call(`/qa/${qa.id}`, json('PUT', { question: qa.question, answer: 'Yana.' })),
    );
    expect(replaced).toMatchObject({ topicId: null, tags: [], enabled: true });

    expect((await t.call(`/qa/${qa.id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await t.call(`/qa/${qa.id}`)).status).toBe(404);
    expect(
      (await t.call(`/qa/${qa.id}`, json('PUT', { question: "Nima bo'ldi?", answer: 'x' }))).status,
    ).toBe(404);
    expect((await t.call(`/qa/${qa.id}`, { method: 'DELETE' })).status).toBe(404);
  });

  it('refuses a duplicate question (409 question_taken), spaces and case ignored, on create and update', async () => {
    const a = await body<Qa>(
      await t.call(
        '/qa',
        json('POST', { question: 'Omonat qancha muddatga ochiladi?', answer: '6 yoki 12 oyga.' }),
      ),
    );
    const dup = await t.call(
      '/qa',
      json('POST', { question: '  omonat   QANCHA muddatga ochiladi? ', answer: 'x' }),
    );
    expect(dup.status).toBe(409);
    expect((await body<Problem>(dup)).code).toBe('question_taken');
    const b = await body<Qa>(await t.call('/qa', json('POST', { question: 'Boshqa savol?', answer: 'y' })));
    const clash = await t.call(`/qa/${b.id}`, json('PUT', { question: a.question, answer: 'y' }));
    expect(clash.status).toBe(409);
    // Replacing a pair with its own question is not a conflict.
    expect((await t.call(`/qa/${a.id}`, json('PUT', { question: a.question, answer: 'z' }))).status).toBe(
      200,
    );
  });

  it('refuses an unknown topic with a 400 naming the field', async () => {
    const res = await t.call(
      '/qa',
      json('POST', {
        question: 'Savol bormi?',
        answer: 'Ha.',
        topicId: '00000000-0000-4000-8000-000000000000',
      }),
    );
    expect(res.status).toBe(400);
    expect((await body<Problem>(res)).errors).toEqual([
      expect.objectContaining({ in: 'body', field: '/topicId', code: 'not_found' }),
    ]);
  });

  it('filters by topic and text, newest first', async () => {
    const topics = await body<Page & { items: Topic[] }>(
      await t.call(`/topics?q=${encodeURIComponent("Kredit to'lov")}`),
    );
    const topic = topics.items[0];
    const page = await body<Page & { items: Qa[] }>(await t.call(`/qa?topicId=${topic?.id}&pageSize=100`));
    expect(page.total).toBeGreaterThan(0);
    expect(page.items.every((qa) => qa.topicId === topic?.id)).toBe(true);
    const search = await body<Page & { items: Qa[] }>(await t.call(`/qa?q=${encodeURIComponent('PIN')}`));
    expect(search.items.length).toBeGreaterThan(0);
    expect(search.items.every((qa) => `${qa.question} ${qa.answer}`.toLowerCase().includes('pin'))).toBe(
      true,
    );
    const all = await body<Page & { items: Qa[] }>(await t.call('/qa?pageSize=100'));
    const created = all.items.map((qa) => qa.createdAt);
    expect(created).toEqual([...created].sort().reverse());
  });
});

describe('text fields', () => {
  it.each([
    ['/topics', { name: '   ' }, ['/name']],
    ['/qa', { question: '     ', answer: '\t' }, ['/answer', '/question']],
  ])(
    'refuses %s whose fields are blank (the spec says \\S), instead of storing a blank',
    async (path, payload, fields) => {
      const res = await t.call(path, json('POST', payload));
      expect(res.status).toBe(400);
      expect((await body<Problem>(res)).errors?.map((e) => e.field).sort()).toEqual(fields);
      expect((await t.call(`${path}?pageSize=100`)).status).toBe(200);
    },
  );

  it('keeps text as sent, spaces included, and still compares names without them', async () => {
    const topic = await body<Topic>(await t.call('/topics', json('POST', { name: "  Bo'sh joylar  " })));
    expect(topic.name).toBe("  Bo'sh joylar  ");
    expect((await t.call('/topics', json('POST', { name: "bo'sh joylar" }))).status).toBe(409);
  });
});

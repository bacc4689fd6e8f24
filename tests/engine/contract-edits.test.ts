import { describe, expect, it } from 'vitest';
import { startMock } from '../../profiles/call-center/package.ts';
import { TEST_OPTIONS } from '../mock/support.ts';
import { authorised, type Doc, editedContract, mockOfEditedContract } from './support.ts';

// The contract changes every week while the real backend is built. Each edit below is served by
// the mock with no line of code changed: the engine reads it from the copy of openapi.yaml.

const ERRORS = {
  '400': { $ref: '#/components/responses/BadRequest' },
  '401': { $ref: '#/components/responses/Unauthorized' },
  '404': { $ref: '#/components/responses/NotFound' },
  '429': { $ref: '#/components/responses/TooManyRequests' },
  '500': { $ref: '#/components/responses/InternalError' },
};
const agentId = { name: 'agentId', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } };
const json = (ref: string) => ({ content: { 'application/json': { schema: { $ref: ref } } } });

/** An optional `note` on the pairs, and a new `/agents` resource with the conventions of the others. */
function addNoteAndAgents(doc: Doc): void {
  const schemas = doc.components.schemas;
  schemas.QaInput.properties.note = { type: 'string', maxLength: 200 };
  schemas.Qa.properties.note = { type: 'string', maxLength: 200 };
  schemas.AgentInput = {
    type: 'object',
    required: ['name', 'voice'],
    additionalProperties: false,
    properties: {
      name: { type: 'string', minLength: 1, maxLength: 60, 'x-faker': 'person.fullName' },
      voice: { type: 'string', enum: ['dilnoza', 'jasur', 'malika'] },
      languages: { type: 'array', items: { type: 'string', enum: ['uz', 'ru', 'en'] }, default: ['uz'] },
      active: { type: 'boolean', default: true },
    },
  };
  schemas.Agent = {
    type: 'object',
    required: ['id', 'name', 'voice', 'languages', 'active', 'createdAt', 'updatedAt'],
    properties: {
      id: { type: 'string', format: 'uuid' },
      ...schemas.AgentInput.properties,
      createdAt: { type: 'string', format: 'date-time' },
      updatedAt: { type: 'string', format: 'date-time' },
    },
  };
  schemas.AgentList = {
    allOf: [
      { $ref: '#/components/schemas/Page' },
      {
        type: 'object',
        required: ['items'],
        properties: { items: { type: 'array', items: { $ref: '#/components/schemas/Agent' } } },
      },
    ],
  };
  doc.paths['/agents'] = {
    post: {
      operationId: 'createAgent',
      requestBody: { required: true, ...json('#/components/schemas/AgentInput') },
      responses: {
        '201': {
          description: 'Created.',
          headers: { Location: { $ref: '#/components/headers/Location' } },
          ...json('#/components/schemas/Agent'),
        },
        ...ERRORS,
      },
    },
    get: {
      operationId: 'listAgents',
      parameters: [
        { $ref: '#/components/parameters/Page' },
        { $ref: '#/components/parameters/PageSize' },
        { name: 'voice', in: 'query', schema: { type: 'string', enum: ['dilnoza', 'jasur', 'malika'] } },
      ],
      responses: { '200': { description: 'A page.', ...json('#/components/schemas/AgentList') }, ...ERRORS },
    },
  };
  doc.paths['/agents/{agentId}'] = {
    parameters: [agentId],
    get: {
      operationId: 'getAgent',
      responses: { '200': { description: 'One.', ...json('#/components/schemas/Agent') }, ...ERRORS },
    },
    put: {
      operationId: 'replaceAgent',
      requestBody: { required: true, ...json('#/components/schemas/AgentInput') },
      responses: { '200': { description: 'Replaced.', ...json('#/components/schemas/Agent') }, ...ERRORS },
    },
    delete: { operationId: 'deleteAgent', responses: { '204': { description: 'Gone.' }, ...ERRORS } },
  };
}

describe('a new optional field and a new CRUD resource need no code', async () => {
  const mock = await mockOfEditedContract(addNoteAndAgents);
  const call = await authorised(mock);

  it('stores, returns and replaces the new optional field of the pairs', async () => {
    const created = await call('/qa', {
      method: 'POST',
      body: JSON.stringify({ question: 'Eslatma bormi?', answer: 'Ha, bor.', note: 'ichki izoh' }),
    });
    expect(created.status).toBe(201);
    const qa = (await created.json()) as { id: string; note?: string };
    expect(qa.note).toBe('ichki izoh');
    expect(await (await call(`/qa/${qa.id}`)).json()).toMatchObject({ note: 'ichki izoh' });
    // PUT replaces: a field left out is gone.
    const replaced = await call(`/qa/${qa.id}`, {
      method: 'PUT',
      body: JSON.stringify({ question: 'Eslatma bormi?', answer: 'Endi yo‘q.' }),
    });
    expect(replaced.status).toBe(200);
    expect(await replaced.json()).not.toHaveProperty('note');
    // Validated too: the new limit applies.
    const long = await call('/qa', {
      method: 'POST',
      body: JSON.stringify({ question: 'Uzun izoh?', answer: 'Ha', note: 'x'.repeat(201) }),
    });
    expect(long.status).toBe(400);
  });

  it('seeds the new resource from its schema, valid and listed in pages', async () => {
    const res = await call('/agents?pageSize=5');
    expect(res.status).toBe(200);
    const page = (await res.json()) as {
      items: { voice: string; name: string }[];
      total: number;
      totalPages: number;
    };
    expect(page.total).toBe(10);
    expect(page.items).toHaveLength(5);
    expect(page.totalPages).toBe(2);
    for (const agent of page.items) expect(['dilnoza', 'jasur', 'malika']).toContain(agent.voice);
  });

  it('creates, reads, filters, replaces and deletes records of the new resource', async () => {
    const created = await call('/agents', {
      method: 'POST',
      body: JSON.stringify({ name: 'Nodira', voice: 'malika' }),
    });
    expect(created.status).toBe(201);
    const agent = (await created.json()) as Record<string, unknown>;
    expect(agent).toMatchObject({ name: 'Nodira', voice: 'malika', languages: ['uz'], active: true });
    expect(created.headers.get('location')).toBe(`/api/agents/${agent.id}`);
    expect(await (await call(`/agents/${agent.id}`)).json()).toEqual(agent);
    const filtered = (await (await call('/agents?voice=malika&pageSize=100')).json()) as {
      items: { voice: string }[];
    };
    expect(filtered.items.length).toBeGreaterThan(0);
    expect(filtered.items.every((a) => a.voice === 'malika')).toBe(true);
    const replaced = await call(`/agents/${agent.id}`, {
      method: 'PUT',
      body: JSON.stringify({ name: 'Nodira', voice: 'jasur', languages: ['ru'], active: false }),
    });
    expect(await replaced.json()).toMatchObject({
      id: agent.id,
      voice: 'jasur',
      languages: ['ru'],
      active: false,
      createdAt: agent.createdAt,
    });
    expect((await call(`/agents/${agent.id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await call(`/agents/${agent.id}`)).status).toBe(404);
    expect((await call('/agents', { method: 'POST', body: JSON.stringify({ name: 'X' }) })).status).toBe(400);
  });

  it('keeps every behaviour of the operations it already had', async () => {
    expect((await call('/voip/calls?pageSize=1')).status).toBe(200);
    expect((await call('/statistics?days=7')).status).toBe(200);
    expect((await call('/topics')).status).toBe(200);
  });
});

describe('a tightened limit never makes the seeds invalid', async () => {
  const mock = await mockOfEditedContract((doc) => {
    for (const name of ['Qa', 'QaInput']) doc.components.schemas[name].properties.question.maxLength = 20;
    doc.components.schemas.Topic.properties.name.maxLength = 12;
  });
  const call = await authorised(mock);

  it('answers the seeded pairs and topics within the new limits', async () => {
    const qas = await call('/qa?pageSize=100');
    expect(qas.status).toBe(200);
    const { items } = (await qas.json()) as { items: { question: string }[] };
    expect(items.length).toBeGreaterThan(0);
    for (const qa of items) expect([...qa.question].length).toBeLessThanOrEqual(20);
    const topics = await call('/topics?pageSize=100');
    expect(topics.status).toBe(200);
    for (const t of ((await topics.json()) as { items: { name: string }[] }).items)
      expect([...t.name].length).toBeLessThanOrEqual(12);
  });
});

describe('a typo in x-mock stops the start instead of turning a rule off', async () => {
  const path = await editedContract((doc) => {
    doc.paths['/topics']['x-mock'].uniqe = doc.paths['/topics']['x-mock'].unique;
  });

  it('names the key and where it is', async () => {
    await expect(startMock({ ...TEST_OPTIONS }, path)).rejects.toThrow(
      /x-mock of \/topics has the key "uniqe"/,
    );
  });
});

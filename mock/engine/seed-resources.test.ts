import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { listOperations } from '../openapi/operations.ts';
import { SchemaValidator } from '../openapi/schema-validator.ts';
import { createEnglishFaker } from './create-faker.ts';
import { describeResources } from './describe-resources.ts';
import { planSeeds, seedResources } from './seed-resources.ts';

const record = (extra: Record<string, unknown>) => ({
  type: 'object',
  required: ['id', 'name'],
  properties: { id: { type: 'string' }, name: { type: 'string' }, ...extra },
});
const list = (schema: object) => ({
  get: {
    responses: {
      '200': {
        description: 'ok',
        content: { 'application/json': { schema: { type: 'array', items: schema } } },
      },
    },
  },
});
const item = (param: string, pattern: string, schema: object) => ({
  parameters: [{ name: param, in: 'path', required: true, schema: { type: 'string', pattern } }],
  get: { responses: { '200': { description: 'ok', content: { 'application/json': { schema } } } } },
});
const owner = record({});
const pet = record({ ownerId: { type: 'string' } });
const DOC = {
  openapi: '3.0.3',
  info: { title: 'pets', version: '1' },
  paths: {
    '/owners': list(owner),
    '/owners/{ownerId}': item('ownerId', '^own_[0-9]{4}$', owner),
    '/owners/{ownerId}/pets': list(pet),
    '/owners/{ownerId}/pets/{petId}': item('petId', '^pet-[a-f0-9]{6}$', pet),
  },
} as never;

const input = () => ({
  seed: 42,
  endMs: Date.UTC(2026, 0, 1),
  counts: {},
  faker: createEnglishFaker(42),
  hints: {},
  validator: new SchemaValidator({ formats: 'fast' }),
  logger: pino({ level: 'silent' }),
});

describe('seeds', () => {
  const resources = describeResources(DOC, listOperations(DOC));

  it("give ids the item path's own parameter accepts", () => {
    const seeded = seedResources(resources, {}, input());
    expect(seeded.owners?.length).toBe(10);
    for (const o of seeded.owners ?? []) expect(o.id).toMatch(/^own_[0-9]{4}$/);
    for (const p of seeded.pets ?? []) expect(p.id).toMatch(/^pet-[a-f0-9]{6}$/);
  });

  it('are the same bytes whichever collection is used first', () => {
    const eager = JSON.stringify(seedResources(resources, {}, input()));
    const plan = planSeeds(resources, {}, input());
    const petsFirst = plan.seedOf('pets');
    const owners = plan.seedOf('owners');
    expect(JSON.stringify({ owners, pets: petsFirst })).toBe(eager);
    expect(petsFirst.every((p) => owners.some((o) => o.id === p.ownerId))).toBe(true);
  });
});

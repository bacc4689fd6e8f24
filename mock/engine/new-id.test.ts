import { describe, expect, it } from 'vitest';
import { createEnglishFaker } from './create-faker.ts';
import { seededUuid } from './new-id.ts';

const V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('seededUuid', () => {
  it('makes version 4 UUIDs, all different', () => {
    const faker = createEnglishFaker(7);
    const ids = Array.from({ length: 2000 }, () => seededUuid(faker));
    for (const id of ids) expect(id).toMatch(V4);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('gives the same ids from the same seed, other ids from another', () => {
    const run = (seed: number) => {
      const faker = createEnglishFaker(seed);
      return Array.from({ length: 5 }, () => seededUuid(faker));
    };
    expect(run(1)).toEqual(run(1));
    expect(run(2)).not.toEqual(run(1));
  });
});

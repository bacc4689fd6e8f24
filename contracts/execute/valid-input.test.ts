import { beforeAll, describe, expect, it } from 'vitest';
import { type Contract, loadContract, operation } from '../plan/load-contract.ts';
import { requiredQuery, validBodies } from './valid-input.ts';

let contract: Contract;
beforeAll(async () => {
  contract = await loadContract({ openapi: 'tests/contracts/specs/parameter-styles.yaml' });
});

describe('valid input for an operation', () => {
  it("sends the operation's own example first, then generated bodies", () => {
    const bodies = validBodies(contract, operation(contract, 'createPaint'), 5, 3);
    expect(bodies[0]).toEqual({ json: { name: 'Ochre' } });
    expect(bodies).toHaveLength(3);
  });

  it('generates bodies where the operation has no example', () => {
    const bodies = validBodies(contract, operation(contract, 'createBrush'), 5, 3);
    expect(bodies).toHaveLength(3);
    expect(bodies).not.toContainEqual({ json: { name: 'Ochre' } });
  });

  it('gives a required query parameter a value, its default where it has one', () => {
    expect(requiredQuery(contract, operation(contract, 'listPaints'), 5)).toEqual({ limit: 10 });
  });
});

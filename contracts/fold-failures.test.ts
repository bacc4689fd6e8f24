import { describe, expect, it } from 'vitest';
import { foldFailures } from './fold-failures.ts';
import type { Failure } from './types.ts';

const base: Failure = {
  check: 'c',
  operationId: 'op',
  title: 't',
  message: 'm1',
  expected: 'e',
  actual: '500',
  curl: undefined,
  specPointer: 'p',
};

describe('foldFailures', () => {
  it('folds failures that differ only in the message, counting them', () => {
    const folded = foldFailures([base, { ...base, message: 'm2' }, { ...base, actual: '502' }]);
    expect(folded).toHaveLength(2);
    expect(folded[0]?.occurrences).toBe(2);
    expect(folded[1]?.occurrences).toBeUndefined();
  });
});

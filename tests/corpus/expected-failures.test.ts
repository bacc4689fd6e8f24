import { describe, expect, it } from 'vitest';
import { compareFailures, type Failures } from './expected-failures.ts';

// How a run is held to the expected failures: a new failure is a regression, a listed one that
// passes is "fixed" (remove it from the list); a runner that did not finish is compared only as
// failing, since how far it got depends on the machine.

describe('compareFailures', () => {
  it.each<[string, Failures, Failures, string[], string[]]>([
    ['the same failures', { invalid: ['GET /a'] }, { invalid: ['GET /a'] }, [], []],
    [
      'a new invalid answer',
      { invalid: ['GET /a', 'GET /b'] },
      { invalid: ['GET /a'] },
      ['x invalid: GET /b'],
      [],
    ],
    ['a fixed round trip', {}, { roundTrips: ['pets'] }, [], ['x roundTrips: pets']],
    ['a start lost', { start: 'does not start' }, {}, ['x: does not start'], []],
    [
      'a start won',
      { invalid: ['GET /a'] },
      { start: 'does not start' },
      [],
      ['x: now starts (and its check ends)'],
    ],
    [
      'a stop after the start',
      { start: 'stopped after it started' },
      { start: 'does not start' },
      [],
      ['x: does not start before, stopped after it started now'],
    ],
    ['a runner check failing anew', { runner: ['a', 'b'] }, { runner: ['a'] }, ['x runner: b'], []],
    ['a runner fatal where it threw', { runner: ['fatal'] }, { runner: ['threw: y'] }, [], []],
    ['a runner stopped where checks failed', { runner: ['did not finish'] }, { runner: ['a'] }, [], []],
    [
      'a runner passing where it did not finish',
      {},
      { runner: ['did not finish'] },
      [],
      ['x runner: did not finish'],
    ],
    [
      'a runner not finishing where it passed',
      { runner: ['did not finish'] },
      {},
      ['x runner: did not finish'],
      [],
    ],
  ])('%s', (_name, actual, expected, regressions, fixed) => {
    expect(compareFailures('x', actual, expected)).toEqual({ regressions, fixed });
  });
});

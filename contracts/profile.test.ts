import { describe, expect, it } from 'vitest';
import type { Check } from './checks/types.ts';
import { type RunnerProfile, withProfileChecks } from './profile.ts';

const check = (name: string, more: Partial<Check> = {}): Check => ({
  name,
  catches: '',
  mutates: false,
  run: async () => {},
  ...more,
});
const GENERIC = [check('flows'), check('cors'), check('status', { phase: 'judge' })];
const profile = (name: string, checks: RunnerProfile['checks']): RunnerProfile => ({ name, checks });

// A profile's checks join the generic ones where they say, and never silently shadow each other.
describe('withProfileChecks', () => {
  it.each([
    ['no profile: the generic checks', [], ['flows', 'cors', 'status']],
    [
      'before the generic check it names',
      [profile('p', [{ ...check('conflict'), runsBefore: 'cors' }])],
      ['flows', 'conflict', 'cors', 'status'],
    ],
    [
      'naming none: after the last sending check, before the judges',
      [profile('p', [check('domain')])],
      ['flows', 'cors', 'domain', 'status'],
    ],
    [
      "a generic check's name: in its place",
      [profile('p', [{ ...check('cors'), catches: 'the profile' }])],
      ['flows', 'cors', 'status'],
    ],
  ] as [string, RunnerProfile[], string[]][])('%s', (_, profiles, want) => {
    expect(withProfileChecks(GENERIC, profiles).map((c) => c.name)).toEqual(want);
  });

  it('takes the profile check in place of the generic one of its name', () => {
    const [, cors] = withProfileChecks(GENERIC, [
      profile('p', [{ ...check('cors'), catches: 'the profile' }]),
    ]);
    expect(cors?.catches).toBe('the profile');
  });

  it('refuses two profiles that bring a check of the same name, naming both', () => {
    expect(() =>
      withProfileChecks(GENERIC, [profile('a', [check('domain')]), profile('b', [check('domain')])]),
    ).toThrow('Runner profiles a and b both bring a check named domain');
  });
});

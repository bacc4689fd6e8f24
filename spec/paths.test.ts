import { describe, expect, it } from 'vitest';
import { cacheDirOf, findRoot } from './paths.ts';

describe('findRoot', () => {
  it.each([
    ['a checkout', { here: '/repo/spec', contract: '/repo/openapi.yaml', want: '/repo' }],
    ['the bundle of npm start', { here: '/repo/dist', contract: '/repo/openapi.yaml', want: '/repo' }],
    [
      'the compiled package',
      {
        here: '/app/node_modules/pkg/lib/spec',
        contract: '/app/node_modules/pkg/openapi.yaml',
        want: '/app/node_modules/pkg',
      },
    ],
    ['no contract anywhere', { here: '/repo/spec', contract: '/elsewhere/openapi.yaml', want: '/repo' }],
  ])('finds the root of %s', (_, { here, contract, want }) => {
    expect(findRoot(here, (path) => path === contract)).toBe(want);
  });
});

describe('cacheDirOf', () => {
  it.each([
    ['a checkout', { root: '/repo', want: '/repo/node_modules/.cache/ai-call-center' }],
    [
      'an installed package',
      { root: '/app/node_modules/pkg', want: '/app/node_modules/.cache/ai-call-center' },
    ],
  ])('keeps the cache of %s in node_modules/.cache', (_, { root, want }) => {
    expect(cacheDirOf(root)).toBe(want);
  });
});

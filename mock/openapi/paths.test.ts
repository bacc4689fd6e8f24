import { describe, expect, it } from 'vitest';
import { cacheDirOf, findRoot } from './paths.ts';

describe('findRoot', () => {
  it.each([
    ['a checkout', { here: '/repo/mock/openapi', contract: '/repo/openapi.yaml', want: '/repo' }],
    ['the bundle of npm start', { here: '/repo/dist', contract: '/repo/openapi.yaml', want: '/repo' }],
    [
      'the compiled package',
      {
        here: '/app/node_modules/pkg/lib/mock/openapi',
        contract: '/app/node_modules/pkg/lib/openapi.yaml',
        want: '/app/node_modules/pkg/lib',
      },
    ],
    [
      'no contract anywhere',
      { here: '/repo/mock/openapi', contract: '/elsewhere/openapi.yaml', want: '/repo' },
    ],
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
    [
      'an installed package whose contract is in its lib/',
      { root: '/app/node_modules/@scope/pkg/lib', want: '/app/node_modules/.cache/ai-call-center' },
    ],
  ])('keeps the cache of %s in node_modules/.cache', (_, { root, want }) => {
    expect(cacheDirOf(root)).toBe(want);
  });
});

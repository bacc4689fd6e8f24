import { describe, expect, it } from 'vitest';
import type { SpecOperation } from '../openapi/operations.ts';
import { routeOperations } from './route.ts';

/** Operations with only what the router reads: an id, a method and a path template. */
const ops = (templates: [string, string, string][]) =>
  templates.map(([operationId, method, path]) => ({ operationId, method, path }) as SpecOperation);

const router = routeOperations(
  ops([
    ['getUser', 'get', '/users/{id}'],
    ['getMe', 'get', '/users/me'],
    ['getTeam', 'get', '/orgs/{org}/teams/{enterprise-team}'],
    ['getFile', 'get', '/files/{name}.{ext}'],
    ['getIssueJson', 'get', '/issues/{number}.json'],
    ['cancel', 'post', '/orders/{id}:cancel'],
    ['atVersion', 'get', '/packages/{name}@{version}'],
    ['responsesBeta', 'post', '/v1/responses?beta=true'],
    ['responses', 'post', '/v1/responses'],
    ['root', 'get', '/'],
  ]),
  '',
);

describe('routeOperations: every template a real description writes', () => {
  it.each([
    ['a parameter', 'GET', '/users/42', 'getUser', { id: '42' }],
    ['a static path before a template, whatever the order', 'GET', '/users/me', 'getMe', {}],
    [
      'a name with a dash',
      'GET',
      '/orgs/acme/teams/core',
      'getTeam',
      { org: 'acme', 'enterprise-team': 'core' },
    ],
    [
      'two parameters in one segment',
      'GET',
      '/files/report.final.pdf',
      'getFile',
      { name: 'report', ext: 'final.pdf' },
    ],
    ['a suffix', 'GET', '/issues/7.json', 'getIssueJson', { number: '7' }],
    ['a colon action', 'POST', '/orders/o_1:cancel', 'cancel', { id: 'o_1' }],
    [
      'an @ in a segment',
      'GET',
      '/packages/left-pad@1.3.0',
      'atVersion',
      { name: 'left-pad', version: '1.3.0' },
    ],
    ['a fixed query, present', 'POST', '/v1/responses?beta=true', 'responsesBeta', {}],
    ['the same path without its fixed query', 'POST', '/v1/responses', 'responses', {}],
    ['a trailing slash', 'GET', '/users/42/', 'getUser', { id: '42' }],
    ['HEAD as GET', 'HEAD', '/users/me', 'getMe', {}],
    ['an escaped value, decoded', 'GET', '/users/a%20b', 'getUser', { id: 'a b' }],
    ['a malformed escape, kept as written', 'GET', '/users/%E0%A4%A', 'getUser', { id: '%E0%A4%A' }],
    ['the root of an empty base path', 'GET', '/', 'root', {}],
  ])('%s: %s %s', (_name, method, url, operationId, params) => {
    const [path, search] = url.split('?');
    const found = router(method, path as string, search ?? '');
    expect(found?.op.operationId).toBe(operationId);
    expect(found?.params).toEqual(params);
  });

  it.each([
    ['another method', 'DELETE', '/users/42'],
    ['a parameter across segments', 'GET', '/users/a/b'],
    ['another case', 'GET', '/Users/42'],
    ['an empty parameter', 'GET', '/users/'],
  ])('takes nothing for %s: %s %s', (_name, method, path) => {
    expect(router(method, path, '')?.op.operationId).not.toBe('getUser');
  });
});

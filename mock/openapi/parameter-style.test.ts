import type { OpenAPIV3 } from 'openapi-types';
import { describe, expect, it } from 'vitest';
import { parameterStyle, writeParameter } from './parameter-style.ts';

type Param = Partial<OpenAPIV3.ParameterObject> & Pick<OpenAPIV3.ParameterObject, 'in'>;
const ARRAY = ['blue', 'black', 'brown'];
const OBJECT = { R: 100, G: 200, B: 150 };
const at = (param: Param) => parameterStyle({ name: 'color', ...param } as OpenAPIV3.ParameterObject);

// The wire forms of OpenAPI's style table (3.0.4 / 3.1.1, which follow RFC 6570), defaults included.
describe('writeParameter: every style as the OpenAPI specification writes it', () => {
  const cases: [string, Param, unknown, string][] = [
    ['query default (form, exploded): a list', { in: 'query' }, ARRAY, 'color=blue&color=black&color=brown'],
    ['query default: a list of one is one value', { in: 'query' }, ['blue'], 'color=blue'],
    ['query default: an empty list sends nothing', { in: 'query' }, [], ''],
    ['query default: an object, each property its own', { in: 'query' }, OBJECT, 'R=100&G=200&B=150'],
    [
      'query form, explode false',
      { in: 'query', style: 'form', explode: false },
      ARRAY,
      'color=blue,black,brown',
    ],
    [
      'query form, explode false: an object',
      { in: 'query', explode: false },
      OBJECT,
      'color=R,100,G,200,B,150',
    ],
    ['query spaceDelimited', { in: 'query', style: 'spaceDelimited' }, ARRAY, 'color=blue%20black%20brown'],
    ['query pipeDelimited', { in: 'query', style: 'pipeDelimited' }, ARRAY, 'color=blue|black|brown'],
    [
      'query deepObject',
      { in: 'query', style: 'deepObject', explode: true },
      OBJECT,
      'color[R]=100&color[G]=200&color[B]=150',
    ],
    ['query: reserved characters encoded', { in: 'query' }, 'a/b?c', 'color=a%2Fb%3Fc'],
    [
      'query allowReserved: reserved kept, & and = still encoded',
      { in: 'query', allowReserved: true },
      'a/b?c&d=e',
      'color=a/b?c%26d%3De',
    ],
    [
      'query content application/json: the JSON, encoded whole',
      { in: 'query', content: { 'application/json': { schema: { type: 'object' } } } },
      { a: 1 },
      'color=%7B%22a%22%3A1%7D',
    ],
    ['path default (simple): a list', { in: 'path' }, ARRAY, 'blue,black,brown'],
    ['path simple, exploded: an object', { in: 'path', explode: true }, OBJECT, 'R=100,G=200,B=150'],
    ['path simple: an object', { in: 'path' }, OBJECT, 'R,100,G,200,B,150'],
    ['path label: one value', { in: 'path', style: 'label' }, 'blue', '.blue'],
    ['path label: a list', { in: 'path', style: 'label' }, ARRAY, '.blue,black,brown'],
    [
      'path label, exploded: a list',
      { in: 'path', style: 'label', explode: true },
      ARRAY,
      '.blue.black.brown',
    ],
    ['path matrix: one value', { in: 'path', style: 'matrix' }, 5, ';color=5'],
    ['path matrix: a list', { in: 'path', style: 'matrix' }, ARRAY, ';color=blue,black,brown'],
    [
      'path matrix, exploded: a list',
      { in: 'path', style: 'matrix', explode: true },
      ARRAY,
      ';color=blue;color=black;color=brown',
    ],
    [
      'path matrix, exploded: an object',
      { in: 'path', style: 'matrix', explode: true },
      OBJECT,
      ';R=100;G=200;B=150',
    ],
    ['header (simple): a list', { in: 'header' }, ARRAY, 'blue,black,brown'],
    ['header, exploded: an object', { in: 'header', explode: true }, OBJECT, 'R=100,G=200,B=150'],
    ['cookie (form): a value', { in: 'cookie' }, 'a b', 'color=a%20b'],
  ];
  it.each(cases)('%s', (_name, param, value, wire) => {
    expect(writeParameter(at(param), value)).toBe(wire);
  });
});

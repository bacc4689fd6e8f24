import type { OpenAPIV3 } from 'openapi-types';
import { describe, expect, it } from 'vitest';
import { parameterStyle, writeParameter } from '../openapi/parameter-style.ts';
import { findParameter } from '../openapi/read-parameter.ts';
import { coerceParameter, type Serialization } from './coerce.ts';

const LIST: OpenAPIV3.SchemaObject = { type: 'array', items: { type: 'string' } };
const query = (style?: string, explode?: boolean): Serialization => ({
  name: 'status',
  in: 'query',
  style,
  explode,
});

describe('coerceParameter: arrays in the form their parameter declares', () => {
  const cases: [string, { raw: unknown; how: Serialization; want: unknown }][] = [
    ['form, explode false: comma-separated', { raw: 'a,b', how: query('form', false), want: ['a', 'b'] }],
    [
      'form, explode false: repeated is refused',
      { raw: ['a', 'b'], how: query('form', false), want: /status=a,b/ },
    ],
    ['form, exploded (the default): repeated', { raw: ['a', 'b'], how: query(), want: ['a', 'b'] }],
    ['form, exploded: a comma is part of the value', { raw: 'a,b', how: query(), want: ['a,b'] }],
    ['pipeDelimited', { raw: 'a|b', how: query('pipeDelimited', false), want: ['a', 'b'] }],
    ['spaceDelimited', { raw: 'a b', how: query('spaceDelimited', false), want: ['a', 'b'] }],
    ['path, simple', { raw: 'a,b', how: { name: 'ids', in: 'path' }, want: ['a', 'b'] }],
    ['an object is no list', { raw: { a: '1' }, how: query('form', false), want: /not an object/ }],
  ];
  it.each(cases)('%s', (_name, { raw, how, want }) => {
    const result = coerceParameter(raw, LIST, how);
    if (want instanceof RegExp) expect(result.ok ? 'accepted' : result.message).toMatch(want);
    else expect(result).toEqual({ ok: true, value: want });
  });

  it('refuses a scalar given twice', () => {
    expect(coerceParameter(['1', '2'], { type: 'integer' }, { name: 'page', in: 'query' }).ok).toBe(false);
  });
});

// The runner writes parameters with mock/openapi/parameter-style.ts; the mock must read back exactly the
// value that was written, in every style (a list of one included).
describe('coerceParameter reads every style the way writeParameter writes it', () => {
  const INTS: OpenAPIV3.SchemaObject = { type: 'array', items: { type: 'integer' } };
  const RGB: OpenAPIV3.SchemaObject = {
    type: 'object',
    properties: { R: { type: 'integer' }, G: { type: 'integer' }, name: { type: 'string' } },
  };
  const cases: [string, Partial<OpenAPIV3.ParameterObject>, OpenAPIV3.SchemaObject, unknown][] = [];
  const places: Partial<OpenAPIV3.ParameterObject>[] = [
    { in: 'query' },
    { in: 'query', explode: false },
    { in: 'query', style: 'spaceDelimited' },
    { in: 'query', style: 'pipeDelimited' },
    { in: 'path' },
    { in: 'path', explode: true },
    { in: 'path', style: 'label' },
    { in: 'path', style: 'label', explode: true },
    { in: 'path', style: 'matrix' },
    { in: 'path', style: 'matrix', explode: true },
    { in: 'header' },
    { in: 'header', explode: true },
  ];
  for (const place of places) {
    const label = `${place.in} ${place.style ?? 'default'}${place.explode === undefined ? '' : ` explode ${place.explode}`}`;
    cases.push([`${label}: a list`, place, INTS, [1, 22, 333]]);
    cases.push([`${label}: a list of one`, place, INTS, [7]]);
    if (place.style !== 'spaceDelimited' && place.style !== 'pipeDelimited')
      cases.push([`${label}: an object`, place, RGB, { R: 100, G: 200, name: 'x y' }]);
  }
  cases.push([
    'query deepObject: an object',
    { in: 'query', style: 'deepObject', explode: true },
    RGB,
    { R: 1, name: 'a&b' },
  ]);
  cases.push([
    'query allowReserved: a path-like value',
    { in: 'query', allowReserved: true },
    { type: 'string' },
    'a/b?c&d=e',
  ]);
  for (const style of ['simple', 'label', 'matrix'])
    cases.push([`path ${style}: one value`, { in: 'path', style }, { type: 'integer' }, 11]);
  cases.push(['cookie: a value', { in: 'cookie' }, { type: 'string' }, 'a b;c']);
  cases.push([
    'query content application/json: an object',
    { in: 'query', content: { 'application/json': { schema: RGB } } },
    RGB,
    { R: 1, name: 'a,b' },
  ]);
  it.each(cases)('%s', (_name, place, schema, value) => {
    const param = {
      name: 'color',
      ...place,
      ...(place.content ? {} : { schema }),
    } as OpenAPIV3.ParameterObject;
    const how = parameterStyle(param);
    const wire = writeParameter(how, value);
    const query: Record<string, unknown> = {};
    if (param.in === 'query')
      for (const [name, text] of new URLSearchParams(wire)) {
        const seen = query[name];
        query[name] = seen === undefined ? text : Array.isArray(seen) ? [...seen, text] : [seen, text];
      }
    const source = {
      query,
      path: param.in === 'path' ? { color: decodeURIComponent(wire) } : {},
      headers:
        param.in === 'header' ? { color: wire } : param.in === 'cookie' ? { cookie: `a=1; ${wire}` } : {},
    };
    const raw = findParameter(how, schema, source);
    expect(coerceParameter(raw, schema, how), wire).toEqual({ ok: true, value });
  });
});

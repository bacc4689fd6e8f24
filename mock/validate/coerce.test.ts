import type { OpenAPIV3 } from 'openapi-types';
import { describe, expect, it } from 'vitest';
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

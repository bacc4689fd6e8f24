import { describe, expect, it } from 'vitest';
import { SchemaValidator } from '../../mock/openapi/schema-validator.ts';
import { unknownFormats } from './unknown-formats.ts';

describe('formats JSON Schema does not define', () => {
  const location = { type: 'string', format: 'url' };
  const cyclic: Record<string, unknown> = { type: 'object', properties: { at: location } };
  (cyclic.properties as Record<string, unknown>).self = cyclic;

  it('are listed once each, through cycles, beside the defined ones', () => {
    expect(unknownFormats({ a: cyclic, b: { format: 'phone' }, c: { format: 'uuid' }, d: location })).toEqual(
      ['phone', 'url'],
    );
  });

  it.each([
    ['a relative Location against format url', location, '/api/topics/1', true],
    ['anything against an unknown format', { type: 'string', format: 'phone' }, 'call me', true],
    ['a defined format is still judged', { type: 'string', format: 'uuid' }, 'not-a-uuid', false],
    ['a relative reference is no uri', { type: 'string', format: 'uri' }, '/api/topics/1', false],
  ])('validate: %s', (_name, schema, value, ok) => {
    expect(new SchemaValidator().validate(schema, value).ok).toBe(ok);
  });
});

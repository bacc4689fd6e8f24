import { describe, expect, it } from 'vitest';
import { SchemaValidator } from './schema-validator.ts';
import { translatePattern } from './translate-pattern.ts';

// Patterns of other dialects in JavaScript's words, where the meaning is clear; the rest left as
// written with the reason.

const CASES: [name: string, given: string, want: { pattern: string; untranslated?: boolean }][] = [
  ['a JavaScript pattern, as it is', '^[a-z]+$', { pattern: '^[a-z]+$' }],
  [
    'Ruby anchors (Linode domains)',
    '\\A(\\*\\.)?([a-zA-Z0-9-_]{1,63}\\.)+\\Z',
    { pattern: '^(\\*\\.)?([a-zA-Z0-9-_]{1,63}\\.)+$' },
  ],
  ["Python's \\z", '\\Aab\\z', { pattern: '^ab$' }],
  ['an escaped backslash before an A stays', '\\\\A\\Z', { pattern: '\\\\A$' }],
  ['an inline flag, untranslated', '(?i)^abc$', { pattern: '(?i)^abc$', untranslated: true }],
];

describe('translatePattern', () => {
  it.each(CASES)('%s', (_, given, want) => {
    const result = translatePattern(given);
    expect(result.pattern).toBe(want.pattern);
    expect(result.untranslated !== undefined).toBe(want.untranslated ?? false);
  });
});

describe('a Ruby-anchored rule, judged by the validator', () => {
  const schema = {
    type: 'object',
    properties: { domain: { type: 'string', pattern: '\\A[a-z]+\\.com\\Z' } },
  };

  it('refuses a value the rule refuses, and keeps one it keeps', () => {
    const validator = new SchemaValidator();
    expect(validator.validate(schema, { domain: 'Not A Domain' }).ok).toBe(false);
    expect(validator.validate(schema, { domain: 'example.com' }).ok).toBe(true);
    expect(validator.unreadable).toEqual([]);
  });
});

describe('a pattern no translation reaches', () => {
  it('is said once, the schema left unchecked', () => {
    const told: string[] = [];
    const validator = new SchemaValidator({ onUnreadable: (why) => told.push(why) });
    const schema = { type: 'string', pattern: '(?i)^abc$' };
    expect(validator.validate(schema, 'ABC').ok).toBe(true);
    expect(validator.validate(schema, 'xyz').ok).toBe(true);
    expect(told).toHaveLength(1);
    expect(told[0]).toMatch(/Invalid regular expression/);
  });
});

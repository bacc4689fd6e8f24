import type { Faker } from '@faker-js/faker';
import RandExp from 'randexp';
import { translatePattern } from '../openapi/translate-pattern.ts';
import type { Schema } from './schema-shape.ts';

/** Where generated date-times fall, so that seeds are the same whatever day they run. */
export interface TimeRange {
  from: number;
  to: number;
}

const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** A value for each format the OpenAPI and JSON Schema registries name; others are plain text. */
const FORMATS: Record<string, (faker: Faker, time: TimeRange) => string> = {
  'date-time': (f, t) =>
    f.date
      .between({ from: t.from, to: t.to })
      .toISOString()
      .replace(/\.\d{3}Z$/, 'Z'),
  date: (f, t) => isoDate(f.date.between({ from: t.from, to: t.to }).getTime()),
  time: (f) => `${pad(f.number.int(23))}:${pad(f.number.int(59))}:${pad(f.number.int(59))}Z`,
  duration: (f) => `P${f.number.int({ min: 1, max: 30 })}DT${f.number.int(23)}H`,
  uuid: (f) => f.string.uuid(),
  email: (f) => f.internet.email({ provider: 'example.com' }).toLowerCase(),
  'idn-email': (f) => f.internet.email({ provider: 'example.com' }).toLowerCase(),
  hostname: (f) => f.internet.domainName(),
  'idn-hostname': (f) => f.internet.domainName(),
  ipv4: (f) => f.internet.ipv4(),
  ipv6: (f) => f.internet.ipv6(),
  uri: (f) => `https://example.com/${f.string.alphanumeric(8).toLowerCase()}`,
  url: (f) => `https://example.com/${f.string.alphanumeric(8).toLowerCase()}`,
  iri: (f) => `https://example.com/${f.string.alphanumeric(8).toLowerCase()}`,
  'uri-reference': (f) => `/${f.string.alphanumeric(8).toLowerCase()}`,
  'iri-reference': (f) => `/${f.string.alphanumeric(8).toLowerCase()}`,
  'uri-template': (f) => `https://example.com/${f.string.alphanumeric(6).toLowerCase()}/{id}`,
  'json-pointer': (f) => `/${f.string.alpha(6).toLowerCase()}`,
  'relative-json-pointer': (f) => `0/${f.string.alpha(6).toLowerCase()}`,
  regex: () => '^[a-z]+$',
  byte: (f) => btoa(f.string.alphanumeric(12)),
  binary: (f) => f.string.alphanumeric(16),
  password: (f) => f.internet.password({ length: 12 }),
  int32: (f) => String(f.number.int(1000)),
  int64: (f) => String(f.number.int(1000)),
};

const pad = (n: number) => String(n).padStart(2, '0');

/** Parsed patterns, by source: parsing is most of randexp's cost, and documents repeat patterns. */
const parsed = new Map<string, RandExp | null>();

function patternGenerator(pattern: string): RandExp | null {
  let gen = parsed.get(pattern);
  if (gen === undefined) {
    try {
      gen = new RandExp(translatePattern(pattern).pattern);
    } catch {
      gen = null;
    }
    parsed.set(pattern, gen);
  }
  return gen;
}

function patternTest(written: string): (text: string) => boolean {
  // Ruby's `\A…\Z` read as JavaScript's `^…$`, as the validator reads it (translate-pattern.ts).
  const { pattern } = translatePattern(written);
  try {
    const re = new RegExp(pattern, 'u');
    return (text) => re.test(text);
  } catch {
    try {
      const re = new RegExp(pattern);
      return (text) => re.test(text);
    } catch {
      return () => true;
    }
  }
}

const fitsLength = (text: string, schema: Schema) => {
  const n = [...text].length;
  return n >= (schema.minLength ?? 0) && n <= (schema.maxLength ?? Number.POSITIVE_INFINITY);
};

/**
 * A string matching a `pattern`, drawn by randexp from the seeded faker. randexp ignores
 * lookaheads and anchors inside groups, so each draw is tested with the pattern itself (and the
 * length limits) and drawn again, a bounded number of times. Undefined when no draw matched.
 */
export function stringForPattern(pattern: string, schema: Schema, faker: Faker): string | undefined {
  const gen = patternGenerator(pattern);
  if (!gen) return undefined;
  const test = patternTest(pattern);
  gen.randInt = (from, to) => faker.number.int({ min: from, max: to });
  // Unbounded repeats (`+`, `*`) drawn up to a length that meets minLength without running long.
  gen.max = Math.max(4, Math.min(schema.minLength ?? 0, 64));
  for (let i = 0; i < 24; i++) {
    const text = gen.gen();
    if (test(text) && fitsLength(text, schema)) return text;
  }
  return undefined;
}

/** A string for a schema: by its pattern, else its format, else words within its length limits. */
export function generateString(schema: Schema, faker: Faker, time: TimeRange): string | undefined {
  const byFormat = schema.format ? FORMATS[schema.format] : undefined;
  const pattern = typeof schema.pattern === 'string' ? schema.pattern : undefined;
  if (byFormat) {
    // A format's value first: it must meet both, and a pattern beside a format (`https+` on a
    // `uri`) is usually a loose check that a well-formed value passes.
    const text = byFormat(faker, time);
    if (fitsLength(text, schema) && (!pattern || patternTest(pattern)(text))) return text;
  }
  if (pattern) return stringForPattern(pattern, schema, faker);
  const max = schema.maxLength ?? Math.max(24, schema.minLength ?? 0);
  const min = Math.min(schema.minLength ?? 0, max);
  let text = faker.lorem.words(faker.number.int({ min: 1, max: 3 }));
  if ([...text].length > max) text = [...text].slice(0, max).join('').trimEnd();
  if ([...text].length < min) text = text.padEnd(min, faker.string.alpha(1).toLowerCase());
  return text;
}

/**
 * A number within `minimum`/`maximum` (exclusive ones too, in 3.0's boolean and 3.1's numeric
 * forms) and a multiple of `multipleOf`; undefined when the range holds none.
 */
export function generateNumber(schema: Schema, integer: boolean, faker: Faker): number | undefined {
  const s = schema as Schema & { exclusiveMinimum?: boolean | number; exclusiveMaximum?: boolean | number };
  let lo = s.minimum ?? Number.NEGATIVE_INFINITY;
  let hi = s.maximum ?? Number.POSITIVE_INFINITY;
  let openLo = false;
  let openHi = false;
  if (typeof s.exclusiveMinimum === 'number') [lo, openLo] = [Math.max(lo, s.exclusiveMinimum), true];
  else if (s.exclusiveMinimum === true) openLo = true;
  if (typeof s.exclusiveMaximum === 'number') [hi, openHi] = [Math.min(hi, s.exclusiveMaximum), true];
  else if (s.exclusiveMaximum === true) openHi = true;
  // An open side gets a modest range next to the other bound, or around the usual small numbers.
  if (lo === Number.NEGATIVE_INFINITY) lo = hi === Number.POSITIVE_INFINITY ? 0 : Math.min(0, hi - 1000);
  if (hi === Number.POSITIVE_INFINITY) hi = Math.max(lo + 1000, integer ? 1000 : 1000.0);
  const step = s.multipleOf ?? (integer ? 1 : 0);
  if (step > 0) {
    const unit = integer ? Math.max(1, Math.ceil(step) === step ? step : Math.ceil(step)) : step;
    let first = Math.ceil(lo / unit);
    let last = Math.floor(hi / unit);
    if (openLo && first * unit <= lo) first++;
    if (openHi && last * unit >= hi) last--;
    if (first > last) return undefined;
    const k = faker.number.int({ min: first, max: Math.min(last, first + 10_000) });
    // Rounded to the step's own decimals, so that 0.1 * 3 is 0.3 and not 0.30000000000000004.
    const decimals = (String(unit).split('.')[1] ?? '').length;
    return Number((k * unit).toFixed(decimals));
  }
  if (hi < lo) return undefined;
  for (let i = 0; i < 8; i++) {
    const n = faker.number.float({ min: lo, max: hi, fractionDigits: 2 });
    if ((!openLo || n > lo) && (!openHi || n < hi) && n >= lo && n <= hi) return n;
  }
  const mid = (lo + hi) / 2;
  return mid > lo && mid < hi ? mid : undefined;
}

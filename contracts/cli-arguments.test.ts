import { describe, expect, it } from 'vitest';
import { parseArguments } from './cli-arguments.ts';

describe('parseArguments', () => {
  it('applies the defaults of RUNNER_OPTIONS', () => {
    const parsed = parseArguments(['--base-url', 'http://127.0.0.1:3001/api']);
    expect(parsed).toMatchObject({
      ok: true,
      options: {
        // The login is a profile's to default (profiles/call-center/runner: the demo user).
        email: undefined,
        password: undefined,
        profileModules: [],
        only: [],
        skip: [],
        readOnly: false,
        depth: 'standard',
        timeoutMs: 10000,
        runTimeoutMs: 300_000,
      },
    });
  });

  it('takes --rules without a base URL (the inventory alone), and nothing else without one', () => {
    expect(parseArguments(['--rules'])).toMatchObject({
      ok: true,
      options: { rules: true, baseUrl: undefined },
    });
    expect(parseArguments(['--quiet'])).toMatchObject({ ok: false, exitCode: 2 });
  });

  it('reads lists, numbers and switches', () => {
    const parsed = parseArguments([
      '--base-url=http://127.0.0.1:1/api',
      '--only',
      'cors,topics',
      '--only',
      'getHealth',
      '--skip',
      'realtime',
      '--seed',
      '7',
      '--request-timeout',
      '500',
      '--timeout',
      '60000',
      '--header',
      'X-Api-Key: a,b',
      '--header',
      'X-Tenant: 7',
      '--test-number',
      '+998900000001',
      '--read-only',
      '--rate-limit-burst',
      '--profile',
      './a.mjs',
      '--profile',
      './b.mjs',
    ]);
    expect(parsed).toMatchObject({
      ok: true,
      options: {
        only: ['cors', 'topics', 'getHealth'],
        skip: ['realtime'],
        seed: 7,
        timeoutMs: 500,
        runTimeoutMs: 60_000,
        headers: ['X-Api-Key: a,b', 'X-Tenant: 7'],
        testNumber: '+998900000001',
        readOnly: true,
        rateLimitBurst: true,
        profileModules: ['./a.mjs', './b.mjs'],
      },
    });
  });

  it.each([
    [[], /--base-url/],
    [['--base-url', 'localhost:3001'], /must be an http\(s\) URL/],
    [['--base-url', 'http://h/api', '--seed', 'x'], /--seed must be a whole number/],
    [['--base-url', 'http://h/api', '--test-number', '12345'], /--test-number must be an E\.164 number/],
    [['--base-url', 'http://h/api', '--bogus'], /unknown option '--bogus'/],
    [['--base-url', 'http://h/api', '--header', 'no colon'], /--header must be 'Name: value'/],
    [['--base-url', 'http://h/api', '--depth', 'deeper'], /--depth must be quick, standard, deep/],
  ])('refuses %j with one sentence and exit code 2', (argv, message) => {
    const parsed = parseArguments(argv);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.exitCode).toBe(2);
      expect(parsed.message).toMatch(message);
    }
  });

  it('answers --help with exit code 0 and every flag', () => {
    const parsed = parseArguments(['--help']);
    expect(parsed).toMatchObject({ ok: false, exitCode: 0 });
    if (!parsed.ok)
      for (const flag of [
        '--base-url',
        '--only',
        '--skip',
        '--seed',
        '--test-number',
        '--read-only',
        '--junit',
        '--json',
      ])
        expect(parsed.message).toContain(flag);
  });
});

import { afterEach, describe, expect, it, vi } from 'vitest';
import { consoleLogger } from './console-logger.ts';

afterEach(() => vi.restoreAllMocks());

describe('the page logger', () => {
  it.each([
    ['info', 'info', true],
    ['info', 'warn', true],
    ['info', 'error', true],
    ['info', 'debug', false],
    ['off', 'error', false],
    ['off', 'info', false],
  ] as const)('at %s, writes %s: %s', (level, method, written) => {
    const spy = vi.spyOn(console, method).mockImplementation(() => undefined);
    consoleLogger(level)[method]({ requestId: 'r1' }, 'GET /api/health 200 1ms');
    expect(spy.mock.calls).toEqual(written ? [['GET /api/health 200 1ms', { requestId: 'r1' }]] : []);
    expect(consoleLogger(level).isLevelEnabled(method)).toBe(written);
  });

  it('writes a message without fields as it is', () => {
    const spy = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    consoleLogger('info').warn('3 seeded calls break the contract');
    expect(spy.mock.calls).toEqual([['3 seeded calls break the contract']]);
  });
});

import { type RunningMock, startMock } from '../../profiles/call-center/package.ts';

/**
 * The mock a broken proxy stands in front of: quiet, on a free port, limits high enough for a whole
 * run (the headers still sent), calls fast enough that a placed call ends in a fraction of a second.
 */
export function startUpstreamMock(
  calls: number,
  options: { accessTokenTtl?: number } = {},
): Promise<RunningMock> {
  return startMock({
    ...options,
    port: 0,
    log: 'off',
    rateLimit: 100_000,
    callSpeed: 200,
    calls,
    seedDate: '2026-11-01',
  });
}

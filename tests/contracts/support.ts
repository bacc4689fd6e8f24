import { type RunningMock, startMock } from '../../profiles/call-center/package.ts';
import { demoLogin } from '../../scripts/support/demo-login.ts';

/** The test number every runner test places calls to: `completed`, it never rings anyone. */
export const TEST_NUMBER = '+998900000001';

/**
 * A mock for the runner's tests: on 127.0.0.1 and a free port, a limit high enough for a whole run
 * (the headers are still sent), calls sped up so that a placed call ends in about a second.
 */
export function startTestMock(): Promise<RunningMock> {
  return startMock({
    port: 0,
    log: 'off',
    rateLimit: 100_000,
    callSpeed: 100,
    calls: 500,
    seedDate: '2026-11-01',
  });
}

/** How much data the backend holds, per list, to prove a run leaves nothing behind. */
export async function dataCounts(baseUrl: string): Promise<Record<string, number>> {
  const token = await demoLogin(baseUrl);
  const counts: Record<string, number> = {};
  for (const path of [
    '/topics',
    '/qa',
    '/voip/file',
    '/voip/calls',
    `/voip/calls?targetNumber=${encodeURIComponent(TEST_NUMBER)}`,
  ]) {
    const res = await fetch(`${baseUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });
    counts[path] = ((await res.json()) as { total: number }).total;
  }
  return counts;
}

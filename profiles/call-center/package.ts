import { createInProcessMock as engineInProcess, type InProcessMock } from '../../mock/in-process.ts';
import { startMock as engineStart, type RunningMock, type StartOptions } from '../../mock/start-mock.ts';
import type { Snapshot } from '../../mock/store/store.ts';
import { callCenterProfile } from './index.ts';
import { withCallCenter } from './with-call-center.ts';

export { mockMiddleware } from '../../mock/adapters/express.ts';
export type { InProcessMock } from '../../mock/in-process.ts';
export type { MockOptions, Profile, RunningMock, StartOptions } from '../../mock/start-mock.ts';
export { callCenterProfile };

/** The engine's startMock, with this package's contract and its profile. */
export function startMock(
  options: StartOptions = {},
  specPath?: string,
  previous?: Snapshot,
): Promise<RunningMock> {
  return engineStart(withCallCenter(options), specPath, previous);
}

/** The engine's in-process mock, with this package's contract and its profile. */
export function createInProcessMock(options: StartOptions = {}, specPath?: string): Promise<InProcessMock> {
  return engineInProcess(withCallCenter(options), specPath);
}

import { createInProcessMock as engineInProcess, type InProcessMock } from '../../mock/in-process.ts';
import type { MockOptions as EngineOptions } from '../../mock/options.ts';
import type { Profile } from '../../mock/profile.ts';
import { startMock as engineStart, type RunningMock } from '../../mock/start-mock.ts';
import type { Snapshot } from '../../mock/store/store.ts';
import { callCenterProfile } from './index.ts';
import type { CallCenterOptions } from './options.ts';
import { type CallCenterStartOptions, withCallCenter } from './with-call-center.ts';

export { mockMiddleware } from '../../mock/adapters/express.ts';
export type { InProcessMock } from '../../mock/in-process.ts';
export { integer, number, onOff } from '../../mock/option-parsers.ts';
export { type OptionDefinition, OptionError } from '../../mock/option-table.ts';
export type { Profile, RunningMock } from '../../mock/start-mock.ts';
export type { CallCenterOptions } from './options.ts';
export { callCenterProfile };

/** The options of this package's mock: the engine's and the call center's (`calls`, `callSpeed`). */
export type MockOptions = EngineOptions & CallCenterOptions;
/** What startMock takes: any of MockOptions, the profiles registered beside the call center's, a seed cache. */
export type StartOptions<P extends readonly Profile[] = readonly []> = CallCenterStartOptions<P>;

/** The engine's startMock, with this package's contract and its profile. */
export function startMock<const P extends readonly Profile[] = readonly []>(
  options: StartOptions<P> = {},
  specPath?: string,
  previous?: Snapshot,
): Promise<RunningMock> {
  return engineStart(withCallCenter(options), specPath, previous);
}

/** The engine's in-process mock, with this package's contract and its profile. */
export function createInProcessMock<const P extends readonly Profile[] = readonly []>(
  options: StartOptions<P> = {},
  specPath?: string,
): Promise<InProcessMock> {
  return engineInProcess(withCallCenter(options), specPath);
}

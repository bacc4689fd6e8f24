import type { RunnerOptions } from './options.ts';

/** What a run was asked to do, after defaults: the runner's options that checks, drivers and profiles read. */
export type RunSettings = Pick<
  RunnerOptions,
  | 'baseUrl'
  | 'testNumber'
  | 'readOnly'
  | 'rateLimitBurst'
  | 'strictServerErrors'
  | 'timeoutMs'
  | 'realtimeTimeoutMs'
  | 'callTimeoutMs'
  | 'corsOrigins'
  | 'depth'
  | 'expiryWaitMs'
  | 'expiredToken'
> & { seed: number; examples: number };

import type { EventRecorder } from '../execute/event-recorder.ts';
import type { HttpClient } from '../execute/http-client.ts';
import type { ResourceTracker } from '../execute/resources.ts';
import type { FlowRecord } from '../execute/run-flows.ts';
import type { Session } from '../execute/session.ts';
import type { RunnerOptions } from '../options.ts';
import type { Contract } from '../plan/load-contract.ts';
import type { RealWorld } from '../profile.ts';
import type { Exchange, Failure, RecordedRequest } from '../types.ts';

/** What a run was asked to do, after defaults: the runner's options that checks read. */
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
> & { seed: number; examples: number };

export type FailureInput = Omit<Failure, 'check' | 'curl'> & { exchange?: Exchange };

/** Everything a check may use: the contract, a client attributed to it, and the run's state. */
export interface CheckContext {
  contract: Contract;
  http: HttpClient;
  settings: RunSettings;
  session: Session;
  resources: ResourceTracker;
  /** Stateful flows the run drove before the checks (create, read, update, list, delete, read again). */
  flows: FlowRecord[];
  /** The events socket opened before the flows, when the run has a realtime check (see event-recorder.ts). */
  events?: EventRecorder | undefined;
  /** What the run's profile does around real-world creates (the realtime check asks it to judge their events). */
  realWorld?: RealWorld | undefined;
  /** Every exchange of the run so far, whoever sent it. */
  exchanges(): Exchange[];
  /** Whether an operation is in this run (`--only`, `--skip`, `--read-only`). */
  selected(operationId: string): boolean;
  fail(failure: FailureInput): void;
  /** A request as a curl line to replay it, the run's token as `$TOKEN`. */
  curl(request: RecordedRequest): string;
  /** Records a part left unchecked, and why. */
  note(text: string): void;
  /** Records that the check judged an operation (for coverage) without sending to it. */
  judged(operationId: string | undefined): void;
}

/**
 * What a judge may read and how it reports: no client, so a judge sends nothing and is tested
 * with hand-made exchanges (contracts/checks/judge-context.ts), as Schemathesis' checks are.
 */
export type JudgeContext = Pick<
  CheckContext,
  | 'contract'
  | 'settings'
  | 'session'
  | 'realWorld'
  | 'flows'
  | 'exchanges'
  | 'selected'
  | 'fail'
  | 'curl'
  | 'note'
  | 'judged'
>;

/**
 * A contract check. Checks judge and drivers drive: `drive` (a driver of contracts/execute/) sends
 * the exchanges the check needs and answers them as recorded, `judge` judges that record (or, with
 * no driver of its own, the run's flows and exchanges) and reports failures through the context.
 * `run` is for a check not split so yet: it sends and judges in one. `catches` feeds the README;
 * `mutates` checks are left out by --read-only.
 */
export interface Check<Recorded = unknown> {
  name: string;
  catches: string;
  mutates: boolean;
  /** `judge` checks only read the run's exchanges, so they run last, after cleanup, and see every answer. */
  phase?: 'drive' | 'judge';
  /** The run's drivers (`flows`, `generated`, `negative`) whose requests this check judges, for its request count. */
  drivers?: string[];
  /**
   * Why the check cannot run here (the spec lacks the operation or extension it judges, or the run
   * lacks a credential it needs), in one phrase; undefined when it can. A check with a reason is
   * reported SKIPPED with it and sends nothing.
   */
  skipReason?(ctx: Pick<CheckContext, 'contract' | 'settings' | 'session' | 'selected'>): string | undefined;
  /** Sends what the check needs and answers it as recorded. */
  drive?(ctx: CheckContext): Promise<Recorded>;
  /** Judges the record (undefined without a driver of its own): sends nothing. */
  judge?(ctx: JudgeContext, recorded: Recorded): void;
  /** Sends and judges in one (a check not split into a driver and a judge). */
  run?(ctx: CheckContext): Promise<void>;
}

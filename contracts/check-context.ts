import type { EventRecorder } from './execute/event-recorder.ts';
import type { ExpiryStart } from './execute/expiry-start.ts';
import type { HttpClient } from './execute/http-client.ts';
import type { ResourceTracker } from './execute/resources.ts';
import type { FlowRecord } from './execute/run-flows.ts';
import type { Session } from './execute/session.ts';
import type { Contract } from './plan/load-contract.ts';
import type { RealWorld } from './real-world.ts';
import type { RunSettings } from './run-settings.ts';
import type { Exchange, FailureInput, RecordedRequest } from './types.ts';

// Below the checks and beside the drivers: the checks (checks/), their drivers (execute/) and the
// profiles all read these contexts, and none of them is imported back from here.

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
  /** token_expiry's clock, started with the run so that its wait overlaps the other checks (expiry-clock.ts). */
  expiry?: Promise<ExpiryStart> | undefined;
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

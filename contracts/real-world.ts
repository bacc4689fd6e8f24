import type { SpecOperation } from '../mock/openapi/operations.ts';
import type { EventSocket, ReceivedEvent } from './execute/event-socket.ts';
import type { HttpClient } from './execute/http-client.ts';
import type { ResourceTracker } from './execute/resources.ts';
import type { FlowStep } from './execute/run-flows.ts';
import type { Contract } from './plan/load-contract.ts';
import type { RunSettings } from './run-settings.ts';
import type { Exchange, FailureInput } from './types.ts';

// A profile's hooks take narrow contexts defined here, not the check context: the check context
// carries the RealWorld, and a RealWorld that took it back would make the two import each other.

/** What the run's drivers hold while they create: the contract, a client, what must be removed. */
export interface DriveContext {
  contract: Contract;
  http: HttpClient;
  resources: ResourceTracker;
  settings: RunSettings;
  selected(operationId: string): boolean;
}

/** What judgeEvents reads and how it reports: the contract, the run's settings, failures and notes. */
export interface EventsJudgeContext {
  contract: Contract;
  settings: RunSettings;
  fail(failure: FailureInput): void;
  note(text: string): void;
}

/** An event an operation's `x-emits` promises after one of the run's exchanges. */
export interface EmitExpectation {
  step: FlowStep;
  event: string;
  /** The resource the event must name, where it names one. */
  id: string | undefined;
}

/**
 * The hooks of creates whose effects reach the world (placing a call): they go only to the test
 * value the run was given (`--test-number`), and the profile says how to wait for that value to
 * be free, what to remove afterwards and how to judge what such a create set going.
 */
export interface RealWorld {
  /** Notes on the run's test value: none given, or one the spec does not list. */
  notes(contract: Contract, testNumber: string | undefined): string[];
  /** Before the flows: fields every real-world create's body gets (a file the call plays). */
  prepare?(ctx: DriveContext): Promise<Record<string, unknown> | undefined>;
  /** Before each real-world create: waits (bounded by --call-timeout) until the test value is free. */
  whenFree?(ctx: DriveContext): Promise<void>;
  /**
   * For the realtime check's driver: waits on what the real-world resources the flows created set
   * going (a call, until it ends), and answers a record of it for judgeEvents and any further
   * x-emits the socket must carry (a history deletion's).
   */
  driveEvents?(
    ctx: DriveContext,
    socket: EventSocket,
    created: { id: string; op: SpecOperation }[],
  ): Promise<{ record: unknown; expectations: EmitExpectation[] }>;
  /** For the realtime check's judge: judges that record against the events the socket heard. */
  judgeEvents?(ctx: EventsJudgeContext, events: ReceivedEvent[], record: unknown): void;
  /** Before the cleanup: what else the run must remove (the test number's call history). */
  cleanup?(
    contract: Contract,
    journal: Exchange[],
    resources: ResourceTracker,
    testNumber: string | undefined,
  ): void;
  /** What a run that must leave at once leaves behind beyond the resources it tracks. */
  leftBehind?(journal: Exchange[], testNumber: string | undefined): string[];
}

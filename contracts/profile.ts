import type { SpecOperation } from '../mock/openapi/operations.ts';
import type { Check, CheckContext, JudgeContext, RunSettings } from './checks/types.ts';
import type { EventSocket, ReceivedEvent } from './execute/event-socket.ts';
import type { HttpClient } from './execute/http-client.ts';
import type { ResourceTracker } from './execute/resources.ts';
import type { FlowStep } from './execute/run-flows.ts';
import type { Contract } from './plan/load-contract.ts';
import type { Exchange } from './types.ts';

/**
 * What no contract can say about an API, for the runner: its domain checks, its demo login, and
 * what the run does around creates with real-world effects (`x-test-numbers`). A team registers
 * its own with `runContract({ profiles })` or `--profile ./my-profile.mjs`, as the call center's
 * (profiles/call-center/runner/) is registered; the runner itself imports no profile.
 */
export interface RunnerProfile {
  name: string;
  /**
   * Checks of the API's domain, run with the generic ones and selected by name the same way. Each
   * runs just before the generic check its `runsBefore` names (after the last sending check
   * otherwise); a profile check with a generic check's name takes its place.
   */
  checks?: (Check & { runsBefore?: string })[];
  /** The login the run uses when --email and --password are not given (a demo backend's). */
  login?: { email: string; password: string };
  /** What the run does around real-world creates, which only the profile knows. */
  realWorld?: RealWorld;
}

/** What the run's drivers hold while they create: the contract, a client, what must be removed. */
export interface DriveContext {
  contract: Contract;
  http: HttpClient;
  resources: ResourceTracker;
  settings: RunSettings;
  selected(operationId: string): boolean;
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
    ctx: CheckContext,
    socket: EventSocket,
    created: { id: string; op: SpecOperation }[],
  ): Promise<{ record: unknown; expectations: EmitExpectation[] }>;
  /** For the realtime check's judge: judges that record against the events the socket heard. */
  judgeEvents?(ctx: JudgeContext, events: ReceivedEvent[], record: unknown): void;
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

/**
 * The checks of a run: the generic ones, with each profile's checks in their place (see
 * RunnerProfile.checks). Throws, naming both, when two profiles bring a check of the same name.
 */
export function withProfileChecks(generic: Check[], profiles: RunnerProfile[]): Check[] {
  const checks = [...generic];
  const added = new Map<string, string>();
  for (const profile of profiles)
    for (const check of profile.checks ?? []) {
      const by = added.get(check.name);
      if (by)
        throw new Error(`Runner profiles ${by} and ${profile.name} both bring a check named ${check.name}`);
      added.set(check.name, profile.name);
      const same = checks.findIndex((c) => c.name === check.name);
      if (same >= 0) {
        checks[same] = check;
        continue;
      }
      const before = checks.findIndex((c) => c.name === check.runsBefore);
      const firstJudge = checks.findIndex((c) => c.phase === 'judge');
      const at = before >= 0 ? before : firstJudge >= 0 ? firstJudge : checks.length;
      checks.splice(at, 0, check);
    }
  return checks;
}

/** The one RealWorld of a run's profiles (the first that has one), or none. */
export function realWorldOf(profiles: RunnerProfile[]): RealWorld | undefined {
  return profiles.find((p) => p.realWorld)?.realWorld;
}

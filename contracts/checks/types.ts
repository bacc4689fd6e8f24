import type { CheckContext, JudgeContext } from '../check-context.ts';

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
  /**
   * The check waits for what the flows' real-world creates set going to end (a live call): it runs
   * in a lane of its own beside the sending checks that do not (run-lanes.ts), so that its wait
   * overlaps their requests instead of holding them up.
   */
  awaitsRealWorld?: boolean;
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

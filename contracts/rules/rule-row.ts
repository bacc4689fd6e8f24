import type { CheckStatus } from '../types.ts';
import type { Statement } from './inventory.ts';

// Apart from judge-rules.ts, which reads the table of checks: the run's result and the reporters
// hold rule rows, and the row's type should not bring every check along with it.

/** A statement with the check that judges it and, after a run, how many exchanges it judged. */
export interface RuleRow extends Statement {
  /** The judging check, or undefined: the rule is "not judged" (or "outside a run", with `outside`). */
  check: string | undefined;
  /** Exchanges of the run the check judged for this statement; undefined without a run. */
  judged?: number;
  /** The check's result in the run: passed, failed, skipped, or not in the run's selection. */
  result?: CheckStatus | 'not run';
}

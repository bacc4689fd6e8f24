import type { RuleRow } from './rules/rule-row.ts';
import type { CheckResult, Coverage, Failure } from './types.ts';

/** What a run found: the result the reporters render and runContract answers. */
export interface RunResult {
  ok: boolean;
  baseUrl: string;
  seed: number;
  startedAt: string;
  durationMs: number;
  checks: CheckResult[];
  failures: Failure[];
  notes: string[];
  coverage: Coverage;
  requests: number;
  /** Set when the run could not start (backend down, login refused): one sentence. */
  fatal?: string;
  /** `selection`: --only/--skip named nothing known; `backend`: the backend could not be used. */
  fatalKind?: 'selection' | 'backend';
  /** Set when the run stopped before its end: its --timeout passed, or SIGINT/SIGTERM. */
  ended?: 'timeout' | 'interrupted';
  /** What the run created and could not remove, one sentence each (the run then fails). */
  leftovers: string[];
  /** With `rules: true` (`--rules`): every rule of the contract, its check and the exchanges it judged. */
  rules?: RuleRow[];
}

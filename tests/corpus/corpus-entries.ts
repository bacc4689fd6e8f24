import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT_DIR } from '../../mock/openapi/paths.ts';

/** One public API description of the corpus, as tests/corpus/corpus.json names it. */
export interface CorpusEntry {
  id: string;
  /** The npm package that ships it (a devDependency). */
  package: string;
  /** Its path inside the package. */
  path: string;
  /** What it brings to the corpus: its style, version, size or an oddity it holds. */
  why: string;
  /** Served with `lenient`: a validator wrongly refuses it (the reason is in `why`). */
  lenient?: boolean;
  /**
   * `false`: left out of `npm test` (still in `npm run corpus`), for a description whose outcome
   * today is decided by a time bound, so by the machine (the reason is in `why`).
   */
  ci?: boolean;
}

/** What one description did, per aspect: the failures are keyed so that a run can be compared. */
export interface DescriptionReport {
  id: string;
  version: string;
  bytes: number;
  started: boolean;
  startError?: string;
  /** Problems a validator found that `lenient` let through. */
  warnings: string[];
  startMs: number;
  /** RSS once started, and the peak of the whole check, in MB. */
  rssMb: number;
  peakRssMb: number;
  operations: number;
  /** The operations sent (all of them, or an even sample of the largest documents). */
  sent: number;
  /** `GET /path`: why, for each answer that was a 5xx. */
  serverErrors: Record<string, string>;
  /** `GET /path`: why, for each answer the independent judge finds invalid. */
  invalid: Record<string, string>;
  /** Operations whose request could not be built (the generator threw on its request schema). */
  unsent: Record<string, string>;
  clientErrors: number;
  /** Answers the judge could not check: their schema does not compile under Ajv (why, each). */
  unjudged?: string[];
  /**
   * Per collection: passed, failed (why), or noted: the description leaves no way through (why,
   * with the evidence), which is neither counted as passed nor as failed.
   */
  roundTrips: { passed: string[]; failed: Record<string, string>; noted: Record<string, string> };
  /** What the harness created and could not remove where the description has a delete, one line each. */
  leftBehind: string[];
  /** The runner against the mock: the names of the checks that failed (`timeout` when it ran out), what it left behind. */
  runner:
    | { ok: boolean; failedChecks: string[]; failures: number; requests: number; leftovers: number }
    | undefined;
  /** How long the whole check took, child process included (set by run-corpus.ts). */
  checkMs?: number;
  /** Set when the check itself was stopped (time or memory bound). */
  aborted?: string;
}

export const CORPUS_LIST = join(ROOT_DIR, 'tests/corpus/corpus.json');
export const EXPECTED_FAILURES = join(ROOT_DIR, 'tests/corpus/expected-failures.json');

export function readCorpus(): CorpusEntry[] {
  return JSON.parse(readFileSync(CORPUS_LIST, 'utf8')) as CorpusEntry[];
}

/** Where an entry's file is installed. */
export function entryFile(entry: CorpusEntry): string {
  return join(ROOT_DIR, 'node_modules', entry.package, entry.path);
}

/** A report of a description nothing is known of yet: what a check fills in, or what an abort leaves. */
export function emptyReport(id: string): DescriptionReport {
  return {
    id,
    version: '?',
    bytes: 0,
    started: false,
    warnings: [],
    startMs: 0,
    rssMb: 0,
    peakRssMb: 0,
    operations: 0,
    sent: 0,
    serverErrors: {},
    invalid: {},
    unsent: {},
    clientErrors: 0,
    roundTrips: { passed: [], failed: {}, noted: {} },
    leftBehind: [],
    runner: undefined,
  };
}

import { findAcknowledgement, newAcknowledgements } from './acknowledge.ts';
import type { Party } from './party.ts';
import type { Change, ContractVersion } from './types.ts';

export type FailOn = Party | 'any';

export interface Verdict {
  changes: Change[];
  /** Breaking changes that are neither acknowledged nor allowed by a flag, within `failOn`. */
  failing: Change[];
  /** Entries of `x-breaking-changes` that were ignored, and why. */
  warnings: string[];
}

/**
 * Marks acknowledged changes and picks those that fail the check: breaking for a party in
 * `failOn`, not acknowledged, and not allowed by `--allow-breaking`.
 */
export function classify(
  changes: Change[],
  base: ContractVersion,
  head: ContractVersion,
  options: { failOn: FailOn; allowBreaking: boolean },
): Verdict {
  const { acknowledgements, warnings } = newAcknowledgements(base, head);
  const marked = changes.map((change) => {
    if (change.breaks.length === 0) return change;
    const reason = findAcknowledgement(change, acknowledgements, base, head);
    return reason === undefined ? change : { ...change, acknowledged: reason };
  });
  const counts = (c: Change) => options.failOn === 'any' || c.breaks.includes(options.failOn);
  const failing = options.allowBreaking
    ? []
    : marked.filter((c) => c.breaks.length > 0 && c.acknowledged === undefined && counts(c));
  return { changes: marked, failing, warnings };
}

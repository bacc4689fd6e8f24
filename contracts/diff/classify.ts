import { RULES } from './rules.ts';
import type { Change, ContractVersion, Party } from './types.ts';

export type FailOn = Party | 'any';

/** One entry of `x-breaking-changes`: a rule, optionally one subject, and why it is acceptable. */
export interface Acknowledgement {
  rule: string;
  subject?: string;
  reason: string;
}

export interface Verdict {
  changes: Change[];
  /** Breaking changes that are neither acknowledged nor allowed by a flag, within `failOn`. */
  failing: Change[];
  /** Entries of `x-breaking-changes` that were ignored, and why. */
  warnings: string[];
}

/**
 * The `x-breaking-changes` entries of the head that the base did not have. Older entries were
 * accepted by an earlier review; counting them again would silently accept a later change of the
 * same rule and operation.
 */
export function newAcknowledgements(
  base: ContractVersion,
  head: ContractVersion,
): {
  acknowledgements: Acknowledgement[];
  warnings: string[];
} {
  const read = (version: ContractVersion) =>
    Object.values(version.files).flatMap((doc) => {
      const list = (doc as Record<string, unknown>)['x-breaking-changes'];
      return Array.isArray(list) ? (list as unknown[]) : [];
    });
  const old = new Set(read(base).map((entry) => JSON.stringify(entry)));
  const acknowledgements: Acknowledgement[] = [];
  const warnings: string[] = [];
  for (const entry of read(head)) {
    if (old.has(JSON.stringify(entry))) continue;
    const e = (entry ?? {}) as Partial<Acknowledgement>;
    if (typeof e.rule !== 'string' || !(e.rule in RULES))
      warnings.push(`x-breaking-changes: unknown rule ${JSON.stringify(e.rule)} is ignored`);
    else if (typeof e.reason !== 'string' || e.reason.trim() === '')
      warnings.push(`x-breaking-changes: ${e.rule} has no reason and acknowledges nothing`);
    else
      acknowledgements.push({
        rule: e.rule,
        reason: e.reason.trim(),
        ...(e.subject ? { subject: e.subject } : {}),
      });
  }
  return { acknowledgements, warnings };
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
    const ack = acknowledgements.find(
      (a) => a.rule === change.rule && (a.subject === undefined || a.subject === change.subject),
    );
    return ack ? { ...change, acknowledged: ack.reason } : change;
  });
  const counts = (c: Change) => options.failOn === 'any' || c.breaks.includes(options.failOn);
  const failing = options.allowBreaking
    ? []
    : marked.filter((c) => c.breaks.length > 0 && c.acknowledged === undefined && counts(c));
  return { changes: marked, failing, warnings };
}

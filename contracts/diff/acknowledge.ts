import { RULES } from './rules.ts';
import type { Change, ContractVersion } from './types.ts';

/** One entry of `x-breaking-changes`: a rule, optionally one subject, and why it is acceptable. */
export interface Acknowledgement {
  rule: string;
  subject?: string;
  reason: string;
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

/** The note `x-breaking-change` of one node: a reason, or `{ reason, rule? }`. */
function readNote(value: unknown): { reason: string; rule?: string } | undefined {
  const note = (value as Record<string, unknown> | undefined)?.['x-breaking-change'];
  if (typeof note === 'string' && note.trim() !== '') return { reason: note.trim() };
  const entry = note as { reason?: unknown; rule?: unknown } | undefined;
  if (typeof entry?.reason !== 'string' || entry.reason.trim() === '') return undefined;
  return { reason: entry.reason.trim(), ...(typeof entry.rule === 'string' ? { rule: entry.rule } : {}) };
}

/** The nodes from the root down to `where` (`openapi.yaml#/a/b`), each with its pointer; the root left out. */
function ancestors(version: ContractVersion, where: string): { pointer: string; value: unknown }[] {
  const [file = '', pointer = ''] = where.split('#');
  const found: { pointer: string; value: unknown }[] = [];
  let value: unknown = version.files[file];
  let at = '';
  for (const key of pointer.split('/').slice(1)) {
    value =
      value && typeof value === 'object'
        ? (value as Record<string, unknown>)[key.replaceAll('~1', '/').replaceAll('~0', '~')]
        : undefined;
    at = `${at}/${key}`;
    found.push({ pointer: `${file}#${at}`, value });
  }
  return found;
}

/**
 * The reason a breaking change is acknowledged for, or undefined. Either an entry of the head's
 * `x-breaking-changes` (rule, optional subject), or an `x-breaking-change` note written on the
 * changed node of the head or on any node above it (a property, its schema, the operation), that
 * the base did not have at the same place. A removed operation has no node in the head: it takes
 * an entry of the list.
 */
export function findAcknowledgement(
  change: Change,
  list: Acknowledgement[],
  base: ContractVersion,
  head: ContractVersion,
): string | undefined {
  const entry = list.find(
    (a) => a.rule === change.rule && (a.subject === undefined || a.subject === change.subject),
  );
  if (entry) return entry.reason;
  if (!change.after) return undefined;
  const before = new Map(
    ancestors(base, change.after).map((n) => [n.pointer, JSON.stringify(readNote(n.value))]),
  );
  for (const node of ancestors(head, change.after).reverse()) {
    const note = readNote(node.value);
    if (!note || (note.rule !== undefined && note.rule !== change.rule)) continue;
    if (before.get(node.pointer) !== JSON.stringify(note)) return note.reason;
  }
  return undefined;
}

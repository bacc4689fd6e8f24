import { compareEvents } from './compare-events.ts';
import { compareExtensions } from './compare-extensions.ts';
import { compareOperations } from './compare-operations.ts';
import { formatPointer } from './resolve-refs.ts';
import { RULES } from './rules.ts';
import type { Change, ContractVersion, Emit } from './types.ts';

/**
 * Every change between two versions of the contract that a rule knows, in document order, each
 * once (a shared schema reached twice from one operation reports once for it).
 */
export function compareVersions(base: ContractVersion, head: ContractVersion): Change[] {
  const changes = new Map<string, Change>();
  const emit: Emit = (rule, subject, message, before, after) => {
    const change: Change = { rule, breaks: [...RULES[rule].breaks], subject, message };
    if (before) change.before = formatPointer(before);
    if (after) change.after = formatPointer(after);
    changes.set(`${rule}|${subject}|${message}`, change);
  };
  compareOperations(base, head, emit);
  compareExtensions(base, head, emit);
  compareEvents(base, head, emit);
  return [...changes.values()];
}

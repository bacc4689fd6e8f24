import { CHECKS } from '../checks/index.ts';
import type { Check } from '../checks/types.ts';
import type { Contract } from './load-contract.ts';
import { isSafe } from './request-shape.ts';

export interface Plan {
  checks: Check[];
  /** Operations in the run, after --only, --skip and --read-only. */
  operations: Set<string>;
  notes: string[];
}

export type PlanResult = { ok: true; plan: Plan } | { ok: false; problems: string[] };

/**
 * Turns --only, --skip and --read-only into the checks and operations of a run. A name may be a
 * tag, an operationId or a check; an unknown name is an error listing the known ones, because a
 * typo would otherwise silently run nothing (or everything).
 */
export function buildPlan(
  contract: Contract,
  selection: { only: string[]; skip: string[]; readOnly: boolean },
  checks: Check[] = CHECKS,
): PlanResult {
  const tags = new Set(contract.operations.flatMap((op) => op.tags));
  const opIds = new Set(contract.operations.map((op) => op.operationId));
  const checkNames = new Set(checks.map((c) => c.name));
  const unknown = [...selection.only, ...selection.skip].filter(
    (n) => !tags.has(n) && !opIds.has(n) && !checkNames.has(n),
  );
  if (unknown.length)
    return {
      ok: false,
      problems: [
        `Unknown name${unknown.length > 1 ? 's' : ''} in --only/--skip: ${unknown.join(', ')}.`,
        `Tags: ${[...tags].join(', ')}.`,
        `Checks: ${[...checkNames].join(', ')}.`,
        `Operations: ${[...opIds].join(', ')}.`,
      ],
    };
  const opMatches = (names: string[]) => (id: string, opTags: string[]) =>
    names.some((n) => n === id || opTags.includes(n));
  const onlyOps = selection.only.filter((n) => !checkNames.has(n));
  const onlyChecks = selection.only.filter((n) => checkNames.has(n));
  const inOnly = opMatches(onlyOps);
  const inSkip = opMatches(selection.skip.filter((n) => !checkNames.has(n)));
  const notes: string[] = [];
  const operations = new Set<string>();
  for (const op of contract.operations) {
    if (onlyOps.length && !inOnly(op.operationId, op.tags)) continue;
    if (inSkip(op.operationId, op.tags)) continue;
    if (selection.readOnly && !isSafe(op)) continue;
    operations.add(op.operationId);
  }
  let selected = checks.filter(
    (c) => (onlyChecks.length === 0 || onlyChecks.includes(c.name)) && !selection.skip.includes(c.name),
  );
  if (selection.readOnly) {
    const left = selected.filter((c) => c.mutates).map((c) => c.name);
    if (left.length)
      notes.push(`--read-only: ${left.join(', ')} not run (they create, change or delete data).`);
    selected = selected.filter((c) => !c.mutates);
  }
  return { ok: true, plan: { checks: selected, operations, notes } };
}

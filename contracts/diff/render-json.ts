import type { Verdict } from './classify.ts';
import type { ContractVersion } from './types.ts';

/** The machine-readable report: both versions, counts, every change and the ones that fail. */
export function renderJson(verdict: Verdict, base: ContractVersion, head: ContractVersion): string {
  const count = (party: 'client' | 'server') =>
    verdict.changes.filter((c) => c.breaks.includes(party)).length;
  const report = {
    base: base.label,
    head: head.label,
    summary: {
      changes: verdict.changes.length,
      breakingForClients: count('client'),
      breakingForServers: count('server'),
      compatible: verdict.changes.filter((c) => c.breaks.length === 0).length,
      acknowledged: verdict.changes.filter((c) => c.acknowledged !== undefined).length,
      failing: verdict.failing.length,
    },
    warnings: verdict.warnings,
    changes: verdict.changes,
  };
  return `${JSON.stringify(report, null, 2)}\n`;
}

import { RULE_KINDS, type RuleKindName } from '../rules/rule-kinds.ts';
import type { RuleRow } from '../rules/rule-row.ts';

/**
 * The rules inventory as `--rules` prints it: one block per kind (what it means, then one line per
 * statement: the judging check, how many exchanges it judged in the run, the statement and where it
 * is written), and a first line that counts the rules no check judges and those the contract
 * says no run can cause (with why, on their line).
 */
export function renderRules(rows: RuleRow[]): string {
  const files = [...new Set(rows.map((r) => r.pointer.split('#')[0]))].join(' and ');
  const ran = rows.some((r) => r.judged !== undefined);
  const notJudged = rows.filter((r) => !r.check && !r.outside);
  const outside = rows.filter((r) => !r.check && r.outside);
  const unexercised = rows.filter((r) => r.check && r.judged === 0);
  const checkWidth = Math.max(13, ...rows.map((r) => (r.check ?? '').length));
  const lines = [
    `Rules of ${files}: ${rows.length} statements, ${notJudged.length} not judged${
      outside.length ? `, ${outside.length} outside what a run can cause` : ''
    }${ran ? `, ${unexercised.length} judged by no exchange of this run` : ''}`,
  ];
  const kinds = [...new Set(rows.map((r) => r.kind))] as RuleKindName[];
  for (const kind of kinds) {
    lines.push('', `${kind}: ${RULE_KINDS[kind].what}`);
    for (const row of rows.filter((r) => r.kind === kind)) {
      const check = (row.check ?? (row.outside ? 'outside a run' : 'not judged')).padEnd(checkWidth);
      const count = ran ? `${judgedLabel(row)} `.padStart(13) : '';
      const why = !row.check && row.outside ? ` (${row.outside})` : '';
      lines.push(`  ${check} ${count}${row.text}${why}  (${row.pointer})`);
    }
  }
  return lines.join('\n');
}

function judgedLabel(row: RuleRow): string {
  if (!row.check) return '-';
  // A check that did not run judged nothing: 0×, and why (skipped, with its reason in the notes).
  if (row.result === 'skipped' || row.result === 'not run') return `0× ${row.result}`;
  return `${row.judged ?? 0}×`;
}

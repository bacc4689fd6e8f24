import { RULE_KINDS, type RuleKindName } from '../rules/rule-kinds.ts';
import type { RuleRow } from '../rules/rule-row.ts';

/**
 * The rules inventory as `--rules` prints it: one block per kind (what it means, then one line per
 * statement: the judging check, how many exchanges it judged in the run, the statement and where it
 * is written), and a first line that counts the rules no check judges.
 */
export function renderRules(rows: RuleRow[]): string {
  const files = [...new Set(rows.map((r) => r.pointer.split('#')[0]))].join(' and ');
  const ran = rows.some((r) => r.judged !== undefined);
  const notJudged = rows.filter((r) => !r.check);
  const unexercised = rows.filter((r) => r.check && r.judged === 0);
  const checkWidth = Math.max(11, ...rows.map((r) => (r.check ?? '').length));
  const lines = [
    `Rules of ${files}: ${rows.length} statements, ${notJudged.length} not judged${
      ran ? `, ${unexercised.length} judged by no exchange of this run` : ''
    }`,
  ];
  const kinds = [...new Set(rows.map((r) => r.kind))] as RuleKindName[];
  for (const kind of kinds) {
    lines.push('', `${kind}: ${RULE_KINDS[kind].what}`);
    for (const row of rows.filter((r) => r.kind === kind)) {
      const check = (row.check ?? 'not judged').padEnd(checkWidth);
      const count = ran ? `${judgedLabel(row)} `.padStart(10) : '';
      lines.push(`  ${check} ${count}${row.text}  (${row.pointer})`);
    }
  }
  return lines.join('\n');
}

function judgedLabel(row: RuleRow): string {
  if (!row.check) return '-';
  if (row.result === 'skipped' || row.result === 'not run') return row.result;
  return `${row.judged ?? 0}×`;
}

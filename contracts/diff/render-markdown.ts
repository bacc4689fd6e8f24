import type { Verdict } from './classify.ts';
import type { Change, ContractVersion } from './types.ts';

/**
 * GitHub refuses a comment over 65,536 characters; the changelog stops at whole groups below that,
 * and says how many changes it left out.
 */
const COMMENT_LIMIT = 60_000;

function who(change: Change): string {
  if (change.breaks.length === 0) return 'compatible';
  const parties = change.breaks.map((p) => (p === 'client' ? 'clients' : 'servers')).join(' and ');
  return `**breaks ${parties}**`;
}

function line(change: Change, failing: Set<Change>): string {
  const status = change.acknowledged
    ? ` (acknowledged: ${change.acknowledged})`
    : failing.has(change)
      ? ' (fails the check)'
      : '';
  const where = [
    change.before ? `before \`${change.before}\`` : '',
    change.after ? `after \`${change.after}\`` : '',
  ]
    .filter(Boolean)
    .join(', ');
  return `- ${who(change)} \`${change.rule}\`: ${change.message}${status}\n  <sub>${where}</sub>`;
}

/**
 * The changelog a reviewer reads in the pull request: a summary line, then the changes grouped by
 * operation, event or extension, each with its rule's name and the pointers in both versions, cut
 * at `limit` characters.
 */
export function renderMarkdown(
  verdict: Verdict,
  base: ContractVersion,
  head: ContractVersion,
  limit = COMMENT_LIMIT,
): string {
  const { changes } = verdict;
  const failing = new Set(verdict.failing);
  const count = (party: 'client' | 'server') => changes.filter((c) => c.breaks.includes(party)).length;
  const acknowledged = changes.filter((c) => c.acknowledged !== undefined).length;
  const out = [
    `## Contract changes: \`${base.label}\` -> \`${head.label}\``,
    '',
    `${changes.length} changes: ${count('client')} breaking for clients, ${count('server')} breaking for servers, ` +
      `${changes.filter((c) => c.breaks.length === 0).length} compatible; ${acknowledged} acknowledged. ` +
      (failing.size > 0 ? `**${failing.size} fail the check.**` : 'The check passes.'),
  ];
  for (const warning of verdict.warnings) out.push('', `> Warning: ${warning}`);
  const groups = new Map<string, Change[]>();
  for (const change of changes) groups.set(change.subject, [...(groups.get(change.subject) ?? []), change]);
  let length = out.join('\n').length;
  let shown = 0;
  for (const [subject, list] of groups) {
    const block = ['', `### ${subject}`, '', ...list.map((change) => line(change, failing))];
    const size = block.join('\n').length;
    if (length + size > limit) break;
    out.push(...block);
    length += size;
    shown += list.length;
  }
  if (shown < changes.length)
    out.push(
      '',
      `... and ${changes.length - shown} more changes (the comment is full): see \`--format json\`.`,
    );
  return `${out.join('\n')}\n`;
}

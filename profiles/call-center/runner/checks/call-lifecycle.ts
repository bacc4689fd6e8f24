import type { ReceivedEvent } from '../../../../contracts/execute/event-socket.ts';
import type { Lifecycle } from '../test-calls.ts';

/**
 * Problems with the order of one call's events against `CallStatus.x-lifecycle`: the first step
 * starts from the initial status, each step is an allowed transition continuing the previous one,
 * the last status is final, and `call.ended` follows the last `call.status_changed`.
 */
export function lifecycleProblems(events: ReceivedEvent[], callId: string, rules: Lifecycle): string[] {
  const mine = events.filter((e) => (e.payload.data as { id?: string } | undefined)?.id === callId);
  const changes = mine.filter((e) => e.payload.type === 'call.status_changed');
  const ended = mine.find((e) => e.payload.type === 'call.ended');
  const created = mine.find((e) => e.payload.type === 'call.created');
  const problems: string[] = [];
  const statusOf = (e: ReceivedEvent) => String((e.payload.data as { status?: string }).status);
  if (!created) problems.push('no call.created');
  else if (changes[0] && changes[0].index < created.index)
    problems.push('call.status_changed before call.created');
  let current = rules.initial;
  for (const change of changes) {
    const previous = String(change.payload.previousStatus);
    const next = statusOf(change);
    if (previous !== current) problems.push(`previousStatus ${previous} where the call was ${current}`);
    if (!(rules.transitions[previous] ?? []).includes(next))
      problems.push(`transition ${previous} -> ${next} is not allowed`);
    current = next;
  }
  if (!rules.final.includes(current)) problems.push(`last status ${current} is not final`);
  if (!ended) problems.push('no call.ended');
  else {
    const last = changes.at(-1);
    if (last && ended.index < last.index) problems.push('call.ended before the last call.status_changed');
    if (statusOf(ended) !== current)
      problems.push(`call.ended says ${statusOf(ended)}, the last change ${current}`);
  }
  return problems;
}

/** The statuses one call went through, as its events tell them. */
export function statusTrail(events: ReceivedEvent[], callId: string): string {
  return events
    .filter((e) => (e.payload.data as { id?: string } | undefined)?.id === callId)
    .map((e) => `${String(e.payload.type)}(${String((e.payload.data as { status?: string }).status ?? '')})`)
    .join(' -> ');
}

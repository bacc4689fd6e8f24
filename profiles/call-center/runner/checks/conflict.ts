import type { Check } from '../../../../contracts/checks/types.ts';
import { driveCallConflicts } from '../drive-call-conflicts.ts';
import { type ConflictAttempt, driveTopicConflicts } from '../drive-conflicts.ts';
import { expectConflict } from './expect-conflict.ts';

/**
 * The 409s the spec promises: a duplicate topic name (in other letter case), a duplicate question
 * (other case, extra spaces), deleting a topic that has pairs, and, with --test-number, a second
 * call to a number with a live call, deleting its history, and deleting the file it plays.
 */
export const conflict: Check<ConflictAttempt[]> = {
  name: 'conflict',
  catches:
    'A promised 409 that does not happen: duplicate topic names or questions accepted, a topic with pairs deleted, a second live call to a number, history or a playing file deleted during a call.',
  mutates: true,
  skipReason(ctx) {
    const has = (id: string) => ctx.contract.byId.has(id) && ctx.selected(id);
    if ((has('createTopic') && has('deleteTopic')) || has('placeCall')) return undefined;
    // On a foreign spec, say what is missing without citing this project's operation names.
    const ours = ['createTopic', 'placeCall'].some((id) => ctx.contract.byId.has(id));
    return ours
      ? 'the run has none of the operations whose 409s it knows (createTopic with deleteTopic, placeCall)'
      : "the spec has no operation whose 409 this check knows how to provoke (it knows this project's duplicate topics and live calls)";
  },
  // The drivers (drive-conflicts.ts, drive-call-conflicts.ts) send what the spec answers 409.
  async drive(ctx) {
    const attempts: ConflictAttempt[] = [];
    const has = (id: string) => ctx.contract.byId.has(id) && ctx.selected(id);
    if (has('createTopic') && has('deleteTopic')) await driveTopicConflicts(ctx, attempts);
    if (has('placeCall')) {
      if (ctx.settings.testNumber) await driveCallConflicts(ctx, ctx.settings.testNumber, attempts);
      else
        ctx.note(
          'conflict: call_in_progress and file_in_use not checked: no --test-number to place calls to.',
        );
    }
    return attempts;
  },
  judge(ctx, attempts) {
    for (const { op, exchange, why, callEnded } of attempts)
      if (callEnded) ctx.note(`conflict: ${op.operationId} not judged: ${callEnded}.`);
      else expectConflict(ctx, op, exchange, why);
  },
};

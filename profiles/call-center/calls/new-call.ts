import type { Call } from '../models.ts';

/** What identifies a call when it is created; everything else starts empty. */
export type NewCall = Pick<
  Call,
  | 'id'
  | 'direction'
  | 'fromNumber'
  | 'targetNumber'
  | 'contactName'
  | 'status'
  | 'language'
  | 'topicId'
  | 'fileId'
  | 'createdAt'
>;

/**
 * A call as it is when created: nobody has answered, nothing was said, no outcome. The one place
 * that lists a Call's empty fields, for placed calls, seeded calls and tests alike.
 */
export function newCall(f: NewCall): Call {
  // Every field written out in one literal, not spread: V8 then lays a million calls out with
  // in-object fields (a spread left them in dictionary-like storage: 3x the memory and the time).
  return {
    id: f.id,
    direction: f.direction,
    fromNumber: f.fromNumber,
    targetNumber: f.targetNumber,
    contactName: f.contactName,
    status: f.status,
    outcome: null,
    language: f.language,
    topicId: f.topicId,
    fileId: f.fileId,
    createdAt: f.createdAt,
    updatedAt: f.createdAt,
    answeredAt: null,
    endedAt: null,
    durationSeconds: 0,
    summary: null,
    transcript: [],
    sentiment: null,
    failureReason: null,
  };
}

import type { Call } from '../../spec/models.ts';

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
export function newCall(fields: NewCall): Call {
  return {
    ...fields,
    outcome: null,
    updatedAt: fields.createdAt,
    answeredAt: null,
    endedAt: null,
    durationSeconds: 0,
    summary: null,
    transcript: [],
    sentiment: null,
    failureReason: null,
  };
}

import type { JudgeContext } from '../check-context.ts';
import type { ReceivedEvent } from '../execute/event-socket.ts';

/**
 * Every event of the socket holds a value of the channel's unique field (`x-delivery.uniqueId`:
 * `id`) that no other event held: clients de-duplicate on it, so a reused id loses an event.
 * One failure per reused value, naming both events.
 */
export function reusedEventIds(
  ctx: JudgeContext,
  events: ReceivedEvent[],
  field: string,
  channel: string,
): void {
  const first = new Map<string, ReceivedEvent>();
  for (const event of events) {
    const value = event.payload[field];
    if (typeof value !== 'string') continue;
    const earlier = first.get(value);
    if (!earlier) {
      first.set(value, event);
      continue;
    }
    ctx.fail({
      operationId: undefined,
      title: `Event ${field} reused`,
      message: `Event ${event.index + 1} on the socket (${String(event.payload.type)}) has the ${field} ${value} of event ${earlier.index + 1} (${String(earlier.payload.type)}).`,
      expected: `a ${field} no earlier event on the socket had`,
      actual: `${field} ${value}, as event ${earlier.index + 1} had`,
      specPointer: `asyncapi.yaml#/channels/${channel}/x-delivery/uniqueId`,
    });
  }
}

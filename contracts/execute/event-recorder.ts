import { asyncApiPlaces, type EventSocket, eventsUrl, openEventSocket } from './event-socket.ts';

/**
 * The run's events socket, opened before the stateful flows: every event they cause (the call
 * they place included, from `call.created` to `call.ended`) is recorded as it happens, so that the
 * realtime check judges the flows' events and the flows' call instead of driving every flow again
 * and placing, then waiting out, a call of its own.
 */
export interface EventRecorder {
  socket: EventSocket;
  /** Epoch ms when the server closed the socket (a logout elsewhere, a restart); unset while open. */
  closedAt: number | undefined;
}

/**
 * Opens the recorder and waits (at most `timeoutMs`) for its first message, the server's `ready`:
 * only then does the server send it events. Answers undefined when the socket does not open or says
 * nothing first; the realtime check then drives its own flows on its own socket, as before.
 */
export async function startEventRecorder(
  asyncApiPath: string,
  baseUrl: string,
  token: string,
  timeoutMs: number,
): Promise<EventRecorder | undefined> {
  const places = await asyncApiPlaces(asyncApiPath);
  const socket = openEventSocket(eventsUrl(baseUrl, places.address), token, timeoutMs);
  const recorder: EventRecorder = { socket, closedAt: undefined };
  socket.closed.then(() => {
    recorder.closedAt = Date.now();
  });
  const ready = await socket.waitFor(
    (events) => events.length > 0 || recorder.closedAt !== undefined,
    timeoutMs,
  );
  if (ready && recorder.closedAt === undefined && socket.events[0]?.payload.type === 'ready') return recorder;
  socket.close();
  return undefined;
}

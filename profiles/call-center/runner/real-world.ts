import type { RealWorld } from '../../../contracts/real-world.ts';
import { driveCallEvents, judgeCallEvents } from './call-events.ts';
import { callLeftBehind, fileToPlay, waitForNoLiveCall } from './test-calls.ts';

/**
 * Placing a call rings a real phone: calls go only to --test-number, one of placeCall's
 * `x-test-numbers`, which never ring anyone. The run's one call plays a file it uploaded first (so
 * that conflict judges all three 409s of a live call on it), waits for the number to be free, has
 * its events judged by the realtime check, and the number's history is deleted at the end.
 */
export const callCenterRealWorld: RealWorld = {
  notes(contract, testNumber) {
    const place = contract.byId.get('placeCall');
    if (!place) return [];
    const listed = Object.keys(
      ((place.operation as Record<string, unknown> | undefined)?.['x-test-numbers'] ?? {}) as object,
    );
    if (!testNumber)
      return [`No --test-number: no call was placed (the spec's test numbers: ${listed.join(', ')}).`];
    if (!listed.includes(testNumber))
      return [
        `--test-number ${testNumber} is not one of placeCall's x-test-numbers (${listed.join(', ')}): make sure it rings nobody.`,
      ];
    return [];
  },
  prepare: (ctx) => fileToPlay(ctx.contract, ctx.http, ctx.resources, ctx.selected),
  async whenFree(ctx) {
    // The contract refuses a second live call to a number (409): wait for the last one to end.
    const { testNumber, callTimeoutMs } = ctx.settings;
    if (testNumber) await waitForNoLiveCall(ctx.contract, ctx.http, testNumber, callTimeoutMs);
  },
  driveEvents: driveCallEvents,
  judgeEvents: judgeCallEvents,
  cleanup(contract, journal, resources, testNumber) {
    const history = contract.byId.get('deleteCallHistory');
    const placed = journal.some((e) => e.operationId === 'placeCall' && (e.response?.status ?? 500) < 300);
    if (history && testNumber && placed)
      resources.add(`call history of ${testNumber}`, history, { targetNumber: testNumber });
  },
  leftBehind: callLeftBehind,
};

import type { Profile } from '../../mock/profile.ts';
import { isoSeconds } from '../../mock/time.ts';
import { CallSimulator, type ForcedResult } from './calls/call-simulator.ts';
import { CALL_CENTER_OPTIONS } from './options.ts';
import { LIVE_STATUSES } from './routes/calls.ts';
import { HANDLERS } from './routes/handlers.ts';
import { createFaker, seed, uzbekMobile } from './seed/seed.ts';
import { bindHandlers, type CallCenterState } from './state.ts';
import { CallCenterData } from './store/call-center-data.ts';

/**
 * The AI call center: what its contract cannot say. The engine serves the knowledge base, topics
 * and the file list from openapi.yaml; this profile adds the call simulator and its test numbers,
 * the call index behind the call list and the statistics, the history delete, audio uploads and
 * their WAV seeds, the Uzbek knowledge base, the demo user, and its own options (`--calls`,
 * `--call-speed`: options.ts).
 */
export const callCenterProfile: Profile<typeof CALL_CENTER_OPTIONS> = {
  name: 'call-center',
  options: CALL_CENTER_OPTIONS,
  createFaker,
  fakerHints: { 'phone.uzbek': uzbekMobile },
  collections: ['calls', 'files', 'qas', 'topics'],
  demoUser: { id: 'c4a73152-9b2e-4f10-8d56-1e3a7b9c0d21', name: 'Aziz Rahimov', role: 'admin' },

  attach({ store, events, operations, persistence, options, seed, now, logger }) {
    const data = new CallCenterData(store);
    const placeCall = operations.get('placeCall')?.operation as Record<string, unknown> | undefined;
    const simulator = new CallSimulator({
      store: data,
      events,
      seed, // read per call, so a reseed (POST /__mock/seed) takes effect
      speed: options.callSpeed,
      testNumbers: (placeCall?.['x-test-numbers'] ?? {}) as Record<string, ForcedResult>,
      now,
      onChange: () => void persistence?.flush().catch((err) => logger.error({ err }, 'could not persist')),
    });
    const state: CallCenterState = { data, simulator };
    return {
      handlers: bindHandlers(HANDLERS, state),
      afterRestore: () => endLiveCalls(state, now()),
      adminState: () => ({ liveCalls: simulator.liveCount }),
      stop: () => simulator.stop(),
    };
  },

  async seed(request) {
    // MOCK_CALLS, unless a reseed or MOCK_COUNTS names the calls' count.
    const calls = request.counts.calls ?? request.options.calls;
    const seeded = await seed({ seed: request.seed, calls, endMs: request.endMs });
    await Promise.all([...seeded.audio].map(([id, bytes]) => request.files.write(id, bytes)));
    return seeded.snapshot;
  },
};

/** Calls that were live when a persisted mock stopped can never progress: they end as failed. */
function endLiveCalls({ data }: CallCenterState, nowMs: number): void {
  const at = isoSeconds(nowMs);
  const live = [...LIVE_STATUSES].flatMap((status) => [...data.callIndex.withStatus(status)]);
  for (const call of live) {
    data.calls.replace({
      ...call,
      status: 'failed',
      endedAt: at,
      updatedAt: at,
      failureReason: 'The mock server restarted during the call',
    });
  }
}

import type { MockContext } from '../../mock/context.ts';
import type { Profile } from '../../mock/profile.ts';
import { isoSeconds } from '../../mock/time.ts';
import { CallSimulator, type ForcedResult } from './calls/call-simulator.ts';
import { LIVE_STATUSES } from './routes/calls.ts';
import { HANDLERS } from './routes/handlers.ts';
import { createFaker, seed, uzbekMobile } from './seed/seed.ts';
import { type CallCenterState, callCenter } from './state.ts';
import { CallCenterData } from './store/call-center-data.ts';

/**
 * The AI call center: what its contract cannot say. The engine serves the knowledge base, topics
 * and the file list from openapi.yaml; this profile adds the call simulator and its test numbers,
 * the call index behind the call list and the statistics, the history delete, audio uploads and
 * their WAV seeds, the Uzbek knowledge base and the demo user.
 */
export const callCenterProfile: Profile = {
  name: 'call-center',
  handlers: HANDLERS,
  createFaker,
  fakerHints: { 'phone.uzbek': uzbekMobile },
  collections: ['calls', 'files', 'qas', 'topics'],
  demoUser: { id: 'c4a73152-9b2e-4f10-8d56-1e3a7b9c0d21', name: 'Aziz Rahimov', role: 'admin' },

  attach(ctx: MockContext): CallCenterState {
    const data = new CallCenterData(ctx.store);
    const placeCall = ctx.operations.get('placeCall')?.operation as Record<string, unknown> | undefined;
    const simulator = new CallSimulator({
      store: data,
      events: ctx.events,
      seed: () => ctx.options.seed, // read per call, so a reseed (POST /__mock/seed) takes effect
      speed: ctx.options.callSpeed,
      testNumbers: (placeCall?.['x-test-numbers'] ?? {}) as Record<string, ForcedResult>,
      now: ctx.now,
      onChange: () =>
        void ctx.persistence?.flush().catch((err) => ctx.logger.error({ err }, 'could not persist')),
    });
    return { data, simulator };
  },

  async seed(request) {
    // MOCK_CALLS, unless a reseed or MOCK_COUNTS names the calls' count.
    const calls = request.options.counts.calls ?? request.options.calls;
    const seeded = await seed({ seed: request.seed, calls, endMs: request.endMs });
    await Promise.all([...seeded.audio].map(([id, bytes]) => request.files.write(id, bytes)));
    return seeded.snapshot;
  },

  /** Calls that were live when a persisted mock stopped can never progress: they end as failed. */
  afterRestore(ctx) {
    const { calls, callIndex } = callCenter(ctx).data;
    const at = isoSeconds(ctx.now());
    const live = [...LIVE_STATUSES].flatMap((status) => [...callIndex.withStatus(status)]);
    for (const call of live) {
      calls.replace({
        ...call,
        status: 'failed',
        endedAt: at,
        updatedAt: at,
        failureReason: 'The mock server restarted during the call',
      });
    }
  },

  adminState: (ctx) => ({ liveCalls: callCenter(ctx).simulator.liveCount }),
  stop: (ctx) => callCenter(ctx).simulator.stop(),
};

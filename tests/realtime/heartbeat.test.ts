import { describe, expect, it } from 'vitest';
import { connect, useMock } from './support.ts';

// A heartbeat of 200 ms instead of 30 s: the same code, on a clock fast enough for a test.
const t = await useMock({ wsHeartbeatMs: 200 });

describe('heartbeat', () => {
  it('pings every client and drops the one that stopped answering, keeping the others', async () => {
    const live = await connect(t.socketUrl());
    let pings = 0;
    live.socket.on('ping', () => pings++);
    // autoPong off: a client that receives pings but never answers, as a vanished laptop would.
    const dead = await connect(t.socketUrl(), { autoPong: false });
    const dropped = await dead.closed;
    expect(dropped.code).toBe(1006); // terminated: a dead peer cannot take part in a close handshake
    // The live client outlives the dead one by several heartbeats and is still served.
    const seen = pings;
    await new Promise<void>((done) => live.socket.on('ping', () => pings >= seen + 3 && done()));
    expect(t.mock.realtime.stats().clients).toBe(1);
    await live.barrier();
    live.socket.close();
  });

  it('reports the interval in ready, in whole seconds of at least one', async () => {
    const client = await connect(t.socketUrl());
    expect(client.messages[0]?.heartbeatSeconds).toBe(1);
    client.socket.close();
  });
});

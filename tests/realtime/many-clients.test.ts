import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { CLOSE } from '../../mock/realtime/close-codes.ts';
import type { Qa } from '../../profiles/call-center/models.ts';
import { connect, eventually, type TestClient, useMock } from './support.ts';

const t = await useMock();
const { mock } = t;

/** The channel's counts with no client: the heartbeat's timer, the bus's own listeners. */
const idle = { clients: 0, sockets: 0, timers: 1 };
const idleListeners = mock.ctx.events.size;

async function closeAll(clients: TestClient[]): Promise<void> {
  for (const client of clients) client.socket.close();
  await Promise.all(clients.map((c) => c.closed));
  await eventually(() => mock.realtime.stats().sockets === 0);
}

describe('many clients', () => {
  it('gives each of 200 sockets every event, in the order the changes happened', async () => {
    const clients = await Promise.all(Array.from({ length: 200 }, () => connect(t.socketUrl())));
    expect(mock.realtime.stats().clients).toBe(200);
    const published: string[] = [];
    const unsubscribe = mock.ctx.events.subscribe((event) => published.push(event.id));
    for (let i = 0; i < 5; i++)
      expect((await t.api('POST', '/topics', { name: `Navbat ${i}` })).status).toBe(201);
    const { body } = await t.api('POST', '/voip/call', { targetNumber: '+998900000002' });
    const first = clients[0] as TestClient;
    await first.until(() =>
      first.messages.some(
        (m) => m.type === 'call.ended' && (m.data as { id: string }).id === (body as { id: string }).id,
      ),
    );
    await Promise.all(clients.map((c) => c.barrier()));
    unsubscribe();
    expect(published.length).toBeGreaterThanOrEqual(10);
    for (const client of clients) expect(client.takeEvents().map((e) => e.id)).toEqual(published);
    await closeAll(clients);
    expect(mock.realtime.stats()).toMatchObject(idle);
  });

  it('drops a client that stops reading with 1013, without holding back the others', async () => {
    const reader = await connect(t.socketUrl());
    const stalled = await connect(t.socketUrl());
    // The stalled tab: its socket stops reading, so what the server sends piles up in buffers.
    (stalled.socket as unknown as { _socket: { pause(): void; resume(): void } })._socket.pause();
    const qa = [...mock.ctx.store.collection<Qa>('qas').all()][0] as Qa;
    const big: Qa = { ...qa, answer: 'Javob. '.repeat(700) };
    const published: string[] = [];
    // Publish until the server gives up on the stalled client: its kernel buffers fill first, then
    // the bounded buffer of the server. A cap keeps a broken bound from looping forever.
    while (mock.realtime.stats().clients === 2 && published.length < 50_000) {
      for (let i = 0; i < 100; i++) published.push(mock.ctx.events.publish('qa.updated', big).id);
      await new Promise((next) => setImmediate(next));
    }
    expect(mock.realtime.stats().clients).toBe(1);
    // The reader got everything, in order, while the other one stalled.
    await reader.until(() => reader.messages.length === published.length + 1);
    expect(reader.takeEvents().map((e) => e.id)).toEqual(published);
    // Reading again, the stalled client finds a prefix of the events, then the reason it was dropped.
    (stalled.socket as unknown as { _socket: { resume(): void } })._socket.resume();
    expect(await stalled.closed).toEqual({ code: CLOSE.tryAgainLater, reason: 'send buffer overflowed' });
    const got = stalled.takeEvents().map((e) => e.id);
    expect(got.length).toBeLessThan(published.length);
    expect(got).toEqual(published.slice(0, got.length));
    await closeAll([reader]);
  });

  it('leaks no client, listener, timer or socket over a thousand connects and disconnects', async () => {
    const gc = exposeGc();
    const cycle = async (count: number) => {
      for (let done = 0; done < count; done += 50) {
        const batch = await Promise.all(Array.from({ length: 50 }, () => connect(t.socketUrl())));
        // Half leave politely, half vanish (a killed tab): both must be cleaned up.
        for (const [i, c] of batch.entries()) {
          if (i % 2) c.socket.close();
          else c.socket.terminate();
        }
        await Promise.all(batch.map((c) => c.closed));
      }
      await eventually(() => mock.realtime.stats().sockets === 0);
    };
    await cycle(100); // warm up: compiled code and caches are not leaks
    gc();
    const heapBefore = process.memoryUsage().heapUsed;
    const handlesBefore = handles();
    await cycle(1000);
    expect(mock.realtime.stats()).toMatchObject(idle);
    expect(mock.ctx.events.size).toBe(idleListeners);
    await eventually(() => handles() <= handlesBefore);
    gc();
    const grownMb = (process.memoryUsage().heapUsed - heapBefore) / 1024 / 1024;
    // Measured: under 1 MB here, while keeping only the closed ws objects of 1000 clients adds 5 MB.
    expect(grownMb).toBeLessThan(4);
  });
});

/** Open TCP handles of this process (the server's and the test clients' sockets). */
function handles(): number {
  return process.getActiveResourcesInfo().filter((r) => r === 'TCPSocketWrap').length;
}

/** global.gc, made available without a command-line flag. */
function exposeGc(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

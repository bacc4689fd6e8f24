import type { ClientConnection } from './client-connection.ts';

export interface Heartbeat {
  stop(): void;
  /** Whether its timer is pending (for the leak checks of the tests). */
  readonly running: boolean;
}

/**
 * The heartbeat of asyncapi.yaml: every interval, each client that answered the previous ping frame
 * is pinged again, and each that did not is dropped. Browsers answer pings by themselves, so only a
 * client that is gone (a laptop lid closed, a network cable pulled) misses one. One timer serves
 * every client, so the cost of a heartbeat does not grow with the number of sockets.
 */
export function startHeartbeat(clients: () => Iterable<ClientConnection>, intervalMs: number): Heartbeat {
  const sweep = () => {
    for (const client of clients()) {
      if (!client.alive) {
        client.socket.terminate();
        continue;
      }
      client.alive = false;
      client.socket.ping();
    }
  };
  // Timers run before I/O in each turn of the event loop: after a busy spell, pongs that already
  // arrived would still be unread. Sweeping in setImmediate reads them first, so a busy server
  // never drops a client for its own slowness.
  let timer: NodeJS.Timeout | undefined = setInterval(() => setImmediate(sweep), intervalMs);
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      timer = undefined;
    },
    get running() {
      return timer !== undefined;
    },
  };
}

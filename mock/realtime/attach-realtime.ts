import { existsSync } from 'node:fs';
import type { IncomingMessage, Server } from 'node:http';
import { dirname, join } from 'node:path';
import type { Duplex } from 'node:stream';
import type { Logger } from 'pino';
import { WebSocket, WebSocketServer } from 'ws';
import type { MockContext } from '../context.ts';
import { redactedUrl } from '../core/log-request.ts';
import { authenticateSocket } from './authenticate-socket.ts';
import { CLOSE, CLOSE_REASON } from './close-codes.ts';
import { loadChannel } from './load-channel.ts';
import { openChannel } from './open-channel.ts';
import { refuseUpgrade } from './refuse-upgrade.ts';

export interface RealtimeOptions {
  logger: Logger;
  /** Interval of the ping frames; default `MOCK_WS_HEARTBEAT_MS` (asyncapi.yaml says 30 s). */
  heartbeatMs?: number;
  /** Bytes a client may leave unread before it is dropped with 1013; default 1 MiB. */
  maxBufferedBytes?: number;
  /** How long close() waits for clients to answer the 1001 close frame before cutting them off. */
  closeGraceMs?: number;
}

export interface RealtimeStats {
  /** Authenticated clients receiving events. */
  clients: number;
  /** Upgraded sockets not yet closed, refused ones included. */
  sockets: number;
  /** Pending timers of the channel: the heartbeat and each client's token expiry. */
  timers: number;
  /** Messages not sent because they broke asyncapi.yaml (logged as errors). */
  breaches: number;
}

export interface Realtime {
  /** False when the contract has no asyncapi.yaml beside it: no socket is served. */
  enabled: boolean;
  /** The path of the socket, `/api/ws`. */
  path: string;
  stats(): RealtimeStats;
  /** Closes every socket with 1001 and stops the heartbeat; resolves once all are closed. */
  close(): Promise<void>;
}

// Clients only ever send `{"type":"ping"}`; anything large is a mistake or an attack.
const MAX_INCOMING_BYTES = 4 * 1024;

/**
 * The WebSocket channel of asyncapi.yaml on the mock's own HTTP server: answers `upgrade` requests
 * for `${basePath}/ws` (any other path is a 404), authenticates them, and hands each accepted socket
 * to a ClientConnection fed by the event bus. With response validation on, every message is checked
 * against asyncapi.yaml before it is sent, once per event however many clients receive it.
 * Call after the server listens; close() before the server closes.
 */
export async function attachRealtime(
  server: Server,
  ctx: MockContext,
  options: RealtimeOptions,
): Promise<Realtime> {
  const { logger } = options;
  // The channel's contract is the asyncapi.yaml beside the served openapi.yaml, when there is one.
  const asyncapi = join(dirname(ctx.spec.path), 'asyncapi.yaml');
  if (!existsSync(asyncapi)) return disabled();
  const contract = await loadChannel(ctx.spec.document, asyncapi);
  const path = ctx.basePath + contract.address;
  const channel = openChannel(ctx, contract, {
    logger,
    heartbeatMs: options.heartbeatMs ?? ctx.options.wsHeartbeatMs,
    ...(options.maxBufferedBytes === undefined ? {} : { maxBufferedBytes: options.maxBufferedBytes }),
  });
  const wss = new WebSocketServer({
    noServer: true,
    clientTracking: false,
    perMessageDeflate: false,
    maxPayload: MAX_INCOMING_BYTES,
  });
  const sockets = new Set<WebSocket>();
  let closing = false;

  const accept = (
    ws: WebSocket,
    req: IncomingMessage,
    auth: Awaited<ReturnType<typeof authenticateSocket>>,
  ) => {
    sockets.add(ws);
    ws.once('close', () => sockets.delete(ws));
    if (closing) return ws.close(CLOSE.goingAway, CLOSE_REASON.goingAway);
    if (!auth.ok)
      logger.info({ url: redactedUrl(req.url ?? ''), code: auth.code }, 'real-time connection refused');
    channel.accept(ws, auth);
  };

  const onUpgrade = async (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    // A client that resets during the handshake must not crash the server with an unhandled error.
    socket.on('error', () => {});
    if (closing) return socket.destroy();
    try {
      const pathname = new URL(req.url ?? '/', 'http://socket').pathname;
      if (pathname !== path) return refuseUpgrade(socket, pathname, path, ctx.problemTypes);
      const auth = await authenticateSocket(req, ctx);
      wss.handleUpgrade(req, socket, head, (ws) => accept(ws, req, auth));
    } catch (err) {
      logger.error({ err }, 'real-time upgrade failed');
      socket.destroy();
    }
  };
  server.on('upgrade', onUpgrade);

  return {
    enabled: true,
    path,
    stats: () => ({
      clients: channel.clients.size,
      sockets: sockets.size,
      timers: (channel.heartbeat?.running ? 1 : 0) + [...channel.clients].filter((c) => c.hasTimer).length,
      breaches: channel.breaches,
    }),
    async close() {
      closing = true;
      server.off('upgrade', onUpgrade);
      channel.close();
      for (const ws of sockets)
        if (ws.readyState === WebSocket.OPEN) ws.close(CLOSE.goingAway, CLOSE_REASON.goingAway);
      await closedWithin(sockets, options.closeGraceMs ?? 1000);
      wss.close();
    },
  };
}

/** Resolves once every socket closed, terminating those still open after `graceMs`. */
async function closedWithin(sockets: Set<WebSocket>, graceMs: number): Promise<void> {
  if (sockets.size === 0) return;
  const closes = [...sockets].map((ws) => new Promise((done) => ws.once('close', done)));
  let timer: NodeJS.Timeout | undefined;
  const grace = new Promise<void>((done) => {
    timer = setTimeout(() => {
      for (const ws of sockets) ws.terminate();
      done();
    }, graceMs);
  });
  await Promise.race([Promise.all(closes), grace]);
  clearTimeout(timer);
  await Promise.all(closes);
}

/** The real-time stand-in of a contract without asyncapi.yaml. */
function disabled(): Realtime {
  return {
    enabled: false,
    path: '',
    stats: () => ({ clients: 0, sockets: 0, timers: 0, breaches: 0 }),
    close: async () => {},
  };
}

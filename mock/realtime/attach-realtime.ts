import { existsSync } from 'node:fs';
import type { IncomingMessage, Server } from 'node:http';
import { dirname, join } from 'node:path';
import type { Duplex } from 'node:stream';
import type { Logger } from 'pino';
import { WebSocket, WebSocketServer } from 'ws';
import type { MockContext } from '../context.ts';
import type { ChannelEvent } from '../events/event-bus.ts';
import { redactedUrl } from '../http/logger.ts';
import { authenticateSocket } from './authenticate-socket.ts';
import { ClientConnection } from './client-connection.ts';
import { CLOSE, CLOSE_REASON } from './close-codes.ts';
import { startHeartbeat } from './heartbeat.ts';
import { loadChannel } from './load-channel.ts';
import { refuseUpgrade } from './refuse-upgrade.ts';
import { createOutgoingValidator, type OutgoingMessage } from './validate-outgoing.ts';

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

// About a thousand call events: far more than a dashboard that keeps up ever has in flight.
const DEFAULT_MAX_BUFFERED_BYTES = 1024 * 1024;
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
  const channel = await loadChannel(ctx.spec.document, asyncapi);
  const path = ctx.basePath + channel.address;
  const heartbeatMs = options.heartbeatMs ?? ctx.options.wsHeartbeatMs;
  const check = ctx.options.validateResponses
    ? createOutgoingValidator(channel.messages, ctx.validator)
    : undefined;
  let breaches = 0;

  const encode = (message: OutgoingMessage): Buffer | undefined => {
    const result = check?.(message);
    if (result && !result.ok) {
      breaches++;
      logger.error(
        { type: message.type, problems: result.problems },
        'real-time message broke asyncapi.yaml',
      );
      return undefined;
    }
    return Buffer.from(JSON.stringify(message));
  };
  const encodedEvents = new WeakMap<ChannelEvent, Buffer | undefined>();
  const encodeEvent = (event: ChannelEvent): Buffer | undefined => {
    if (!encodedEvents.has(event)) encodedEvents.set(event, encode(event));
    return encodedEvents.get(event);
  };

  const wss = new WebSocketServer({
    noServer: true,
    clientTracking: false,
    perMessageDeflate: false,
    maxPayload: MAX_INCOMING_BYTES,
  });
  const clients = new Set<ClientConnection>();
  const sockets = new Set<WebSocket>();
  const heartbeat = startHeartbeat(() => clients, heartbeatMs);
  const clientDeps = {
    events: ctx.events,
    encode,
    encodeEvent,
    maxBufferedBytes: options.maxBufferedBytes ?? DEFAULT_MAX_BUFFERED_BYTES,
    heartbeatSeconds: Math.max(1, Math.round(heartbeatMs / 1000)),
    now: ctx.now,
    onClosed: (client: ClientConnection) => clients.delete(client),
  };
  let closing = false;
  // A logout (or a reused refresh token) revokes a login: its open sockets end as its requests do.
  const stopRevocations = ctx.tokens.onRevoke((family) => {
    for (const client of clients)
      if (client.family === family) client.close(CLOSE.unauthorized, 'token_revoked');
  });

  const accept = (
    ws: WebSocket,
    req: IncomingMessage,
    auth: Awaited<ReturnType<typeof authenticateSocket>>,
  ) => {
    sockets.add(ws);
    ws.once('close', () => sockets.delete(ws));
    if (closing) return ws.close(CLOSE.goingAway, CLOSE_REASON.goingAway);
    if (!auth.ok) {
      logger.info({ url: redactedUrl(req.url ?? ''), code: auth.code }, 'real-time connection refused');
      return ws.close(CLOSE.unauthorized, auth.code);
    }
    const client = new ClientConnection(ws, auth.user, auth.expiresAt, auth.family, clientDeps);
    clients.add(client);
    client.open();
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
      clients: clients.size,
      sockets: sockets.size,
      timers: (heartbeat.running ? 1 : 0) + [...clients].filter((c) => c.hasTimer).length,
      breaches,
    }),
    async close() {
      closing = true;
      stopRevocations();
      server.off('upgrade', onUpgrade);
      heartbeat.stop();
      for (const client of clients) client.close(CLOSE.goingAway, CLOSE_REASON.goingAway);
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

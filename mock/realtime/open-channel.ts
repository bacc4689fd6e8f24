import type { Logger } from 'pino';
import type { MockContext } from '../context.ts';
import type { ChannelEvent } from '../events/event-bus.ts';
import type { SocketAuth } from './authenticate-socket.ts';
import type { ChannelContract } from './channel-of.ts';
import { type ChannelSocket, ClientConnection } from './client-connection.ts';
import { CLOSE, CLOSE_REASON } from './close-codes.ts';
import { type Heartbeat, startHeartbeat } from './heartbeat.ts';
import { createOutgoingValidator, type OutgoingMessage } from './validate-outgoing.ts';

/** The channel of asyncapi.yaml without a transport: who is connected, and what they are sent. */
export interface Channel {
  /** Starts the conversation of an accepted socket, or closes it with 4401 and the refusal's code. */
  accept(socket: ChannelSocket, auth: SocketAuth): void;
  readonly clients: ReadonlySet<ClientConnection>;
  /** Messages not sent because they broke asyncapi.yaml (logged as errors). */
  readonly breaches: number;
  readonly heartbeat: Heartbeat | undefined;
  /** Closes every client with 1001 and stops the heartbeat and the revocation watch. */
  close(): void;
}

// About a thousand call events: far more than a dashboard that keeps up ever has in flight.
const DEFAULT_MAX_BUFFERED_BYTES = 1024 * 1024;

/**
 * The events of the bus to every authenticated client, each checked against asyncapi.yaml once
 * however many clients receive it (when response validation is on), a logout closing its login's
 * sockets. The server (attach-realtime.ts) feeds it `ws` sockets from HTTP upgrades, with a ping
 * heartbeat; the browser mock feeds it MSW's intercepted WebSockets, where there are no pings.
 */
export function openChannel(
  ctx: MockContext,
  contract: ChannelContract,
  options: { logger: Logger; heartbeatMs?: number; maxBufferedBytes?: number },
): Channel {
  const { logger } = options;
  const check = ctx.options.validateResponses
    ? createOutgoingValidator(contract.messages, ctx.validator)
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
  const clients = new Set<ClientConnection>();
  const heartbeatMs = options.heartbeatMs;
  const heartbeat = heartbeatMs === undefined ? undefined : startHeartbeat(() => clients, heartbeatMs);
  const deps = {
    events: ctx.events,
    encode,
    encodeEvent,
    maxBufferedBytes: options.maxBufferedBytes ?? DEFAULT_MAX_BUFFERED_BYTES,
    heartbeatSeconds: Math.max(1, Math.round((heartbeatMs ?? ctx.options.wsHeartbeatMs) / 1000)),
    now: ctx.now,
    onClosed: (client: ClientConnection) => clients.delete(client),
  };
  // A logout (or a reused refresh token) revokes a login: its open sockets end as its requests do.
  const stopRevocations = ctx.tokens.onRevoke((family) => {
    for (const client of clients)
      if (client.family === family) client.close(CLOSE.unauthorized, 'token_revoked');
  });
  return {
    accept(socket, auth) {
      if (!auth.ok) return socket.close(CLOSE.unauthorized, auth.code);
      const client = new ClientConnection(socket, auth.user, auth.expiresAt, auth.family, deps);
      clients.add(client);
      client.open();
    },
    clients,
    get breaches() {
      return breaches;
    },
    heartbeat,
    close() {
      stopRevocations();
      heartbeat?.stop();
      for (const client of clients) client.close(CLOSE.goingAway, CLOSE_REASON.goingAway);
    },
  };
}

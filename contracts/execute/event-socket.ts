import { readFile } from 'node:fs/promises';
import WebSocket from 'ws';
import { parse as parseYaml } from 'yaml';
import { ASYNCAPI_PATH } from '../../mock/openapi/paths.ts';

export interface ReceivedEvent {
  /** Order of arrival on this socket, from 0. */
  index: number;
  /** Epoch ms of arrival. */
  receivedAt: number;
  payload: Record<string, unknown>;
  raw: string;
}

export interface EventSocket {
  url: string;
  events: ReceivedEvent[];
  /** Resolves when the socket closes, with the close code and reason. */
  closed: Promise<{ code: number; reason: string }>;
  /** Resolves true once the predicate holds over the events so far, false after the timeout. */
  waitFor(predicate: (events: ReceivedEvent[]) => boolean, timeoutMs: number): Promise<boolean>;
  send(text: string): void;
  close(): void;
}

/** How the server closes a socket for one cause (`x-closes-on`). */
export interface CloseRule {
  code: number;
  reason?: string;
}

interface AsyncApiPlaces {
  /** The events channel's address (`/ws`). */
  address: string;
  /** Its key under `channels` (`events`), for pointers. */
  channel: string;
  /** The channel's `x-delivery`: the payload field every event holds a new value of (`id`). */
  uniqueId: string | undefined;
  /** The channel's `x-closes-on`: cause (`logout`) -> close code and reason. */
  closesOn: Record<string, CloseRule>;
  /** Message name (`call.created`) -> its key under components.messages (`callCreated`), for pointers. */
  messageKeys: Map<string, string>;
}

/** Where things are in asyncapi.yaml as written, which the parsed document does not keep. */
export async function asyncApiPlaces(asyncApiPath = ASYNCAPI_PATH): Promise<AsyncApiPlaces> {
  const doc = parseYaml(await readFile(asyncApiPath, 'utf8')) as {
    channels?: Record<
      string,
      { address?: string; 'x-delivery'?: { uniqueId?: string }; 'x-closes-on'?: Record<string, CloseRule> }
    >;
    components?: { messages?: Record<string, { name?: string }> };
  };
  const messageKeys = new Map<string, string>();
  for (const [key, message] of Object.entries(doc.components?.messages ?? {}))
    messageKeys.set(message.name ?? key, key);
  const [key, channel] = Object.entries(doc.channels ?? {})[0] ?? [];
  return {
    address: channel?.address ?? '/ws',
    channel: key ?? 'events',
    uniqueId: channel?.['x-delivery']?.uniqueId,
    closesOn: channel?.['x-closes-on'] ?? {},
    messageKeys,
  };
}

/** The WebSocket URL of the events channel: the base URL with ws(s) and the channel's address. */
export function eventsUrl(baseUrl: string, address: string): string {
  return `${baseUrl.replace(/^http/, 'ws').replace(/\/$/, '')}${address}`;
}

/** Opens the events socket with the token as the `token` query parameter, as a browser would. */
export function openEventSocket(url: string, token: string | undefined, timeoutMs: number): EventSocket {
  const full = token === undefined ? url : `${url}?token=${encodeURIComponent(token)}`;
  const socket = new WebSocket(full, { handshakeTimeout: timeoutMs });
  const events: ReceivedEvent[] = [];
  const closed = new Promise<{ code: number; reason: string }>((done) => {
    socket.on('close', (code, reason) => done({ code, reason: reason.toString() }));
    socket.on('error', () => done({ code: 1006, reason: 'connection failed' }));
  });
  socket.on('message', (data) => {
    const raw = data.toString();
    try {
      events.push({
        index: events.length,
        receivedAt: Date.now(),
        payload: JSON.parse(raw) as Record<string, unknown>,
        raw,
      });
    } catch {
      events.push({ index: events.length, receivedAt: Date.now(), payload: {}, raw });
    }
  });
  return {
    url,
    events,
    closed,
    async waitFor(predicate, waitMs) {
      const deadline = Date.now() + waitMs;
      while (Date.now() < deadline) {
        if (predicate(events)) return true;
        await new Promise((done) => setTimeout(done, 25));
      }
      return predicate(events);
    },
    send(text) {
      if (socket.readyState === WebSocket.OPEN) socket.send(text);
    },
    close() {
      if (socket.readyState === WebSocket.CONNECTING) socket.terminate();
      else socket.close(1000);
    },
  };
}

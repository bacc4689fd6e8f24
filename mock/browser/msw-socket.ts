import type { ChannelSocket } from '../realtime/client-connection.ts';

/** What the channel uses of MSW's client connection (`ws.link(...)`'s `connection` event). */
export interface InterceptedClient {
  readonly url: URL;
  send(data: string | ArrayBufferLike | ArrayBufferView): void;
  close(code?: number, reason?: string): void;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  addEventListener(type: 'close', listener: () => void): void;
}

const OPEN = 1;
const CLOSED = 3;

/**
 * MSW's intercepted WebSocket (the page's own `new WebSocket(...)`) as the channel's socket. What
 * the server's `ws` does with frames has no meaning here: there are no pings (the page is the
 * network), nothing is buffered, and text goes out as text, so the page reads strings as it would
 * from the server.
 */
export function mswSocket(client: InterceptedClient): ChannelSocket {
  let state = OPEN;
  const closeListeners: (() => void)[] = [];
  const closed = () => {
    if (state === CLOSED) return;
    state = CLOSED;
    for (const listener of closeListeners) listener();
  };
  client.addEventListener('close', closed);
  const text = new TextDecoder();
  return {
    get readyState() {
      return state;
    },
    OPEN,
    bufferedAmount: 0,
    send(data, options) {
      if (state === OPEN) client.send(options.binary ? data : text.decode(data));
    },
    close(code, reason) {
      if (state !== OPEN) return;
      client.close(code, reason);
      closed();
    },
    terminate() {
      if (state !== OPEN) return;
      client.close(1011, 'internal_error');
      closed();
    },
    ping() {},
    on(event: string, listener: (...args: never[]) => void) {
      if (event !== 'message') return;
      client.addEventListener('message', (message) => {
        const data = message.data;
        const binary = typeof data !== 'string';
        (listener as (data: { toString(): string }, isBinary: boolean) => void)(
          binary ? { toString: () => '' } : data,
          binary,
        );
      });
    },
    once(_event: 'close', listener: () => void) {
      closeListeners.push(listener);
    },
  };
}

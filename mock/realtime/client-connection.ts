import type { MockUser as User } from '../auth/user.ts';
import type { ChannelEvent, EventBus } from '../events/event-bus.ts';
import { unrefTimer } from '../time.ts';
import { CLOSE, CLOSE_REASON } from './close-codes.ts';
import type { OutgoingMessage } from './validate-outgoing.ts';

/**
 * What a connection needs of its socket: `ws`'s WebSocket on the server has all of it; the browser
 * mock adapts MSW's intercepted socket to it (mock/browser/msw-socket.ts).
 */
export interface ChannelSocket {
  readonly readyState: number;
  readonly OPEN: number;
  /** Bytes queued and not yet sent. */
  readonly bufferedAmount: number;
  send(data: Uint8Array, options: { binary: boolean }): void;
  close(code: number, reason: string): void;
  /** Drops the connection without a close handshake. */
  terminate(): void;
  /** A ping frame, for the heartbeat. */
  ping(): void;
  on(event: 'message', listener: (data: { toString(): string }, isBinary: boolean) => void): unknown;
  on(event: 'pong' | 'error', listener: () => void): unknown;
  once(event: 'close', listener: () => void): unknown;
}

export interface ClientDeps {
  events: EventBus;
  /** Serializes a message (UTF-8 JSON) after checking it; `undefined` when it must not be sent. */
  encode(message: OutgoingMessage): Buffer | undefined;
  /** The same for bus events, which every client shares: encoded once, the bytes sent to all. */
  encodeEvent(event: ChannelEvent): Buffer | undefined;
  /** Bytes a client may have waiting to be read before it is dropped with 1013. */
  maxBufferedBytes: number;
  heartbeatSeconds: number;
  now(): number;
  onClosed(client: ClientConnection): void;
}

// setTimeout holds at most 2^31-1 ms (about 24.8 days); a token living longer is checked again then.
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * One authenticated socket: sends `ready`, then every event of the bus in order; answers the
 * application-level `ping`; closes with 4401 `token_expired` when the token runs out (and
 * `token_revoked` when its login is logged out, see attach-realtime.ts), and with 1013
 * when the client reads so slowly that its buffer passes the bound, so that one stalled tab can
 * neither hold the others back nor grow the server's memory without end.
 */
export class ClientConnection {
  /** Cleared by each heartbeat and set again by the client's pong: see heartbeat.ts. */
  alive = true;
  private unsubscribe: (() => void) | undefined;
  private expiryTimer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(
    readonly socket: ChannelSocket,
    readonly user: User,
    private readonly expiresAt: number | undefined,
    /** The login of its token: a logout of that login closes the socket (4401 token_revoked). */
    readonly family: string | undefined,
    private readonly deps: ClientDeps,
  ) {}

  /** Starts the conversation; `ready` goes out before any event can. */
  open(): void {
    const { socket, deps } = this;
    socket.on('pong', () => {
      this.alive = true;
    });
    socket.on('message', (data, isBinary) => this.receive(data, isBinary));
    // Protocol errors (a bad frame, a message over maxPayload): ws closes the socket itself.
    socket.on('error', () => {});
    socket.once('close', () => this.dispose());
    this.send(
      deps.encode({
        type: 'ready',
        user: this.user,
        heartbeatSeconds: deps.heartbeatSeconds,
        serverTime: new Date(deps.now()).toISOString(),
      }),
    );
    if (this.closed) return;
    this.unsubscribe = deps.events.subscribe((event) => {
      // The bus calls listeners inside the REST handler that made the change: whatever goes wrong
      // with one socket must fail neither that request nor the other clients.
      try {
        this.send(deps.encodeEvent(event));
      } catch {
        this.socket.terminate();
      }
    });
    this.watchExpiry();
  }

  /** Whether a timer of this client is pending (for the leak checks of the tests). */
  get hasTimer(): boolean {
    return this.expiryTimer !== undefined;
  }

  /** Closes with a code and reason of asyncapi.yaml; events stop at once. */
  close(code: number, reason: string): void {
    this.dispose();
    this.socket.close(code, reason);
  }

  private send(bytes: Buffer | undefined): void {
    if (bytes === undefined || this.closed) return;
    if (this.socket.readyState !== this.socket.OPEN) return;
    if (this.socket.bufferedAmount + bytes.length > this.deps.maxBufferedBytes) {
      // The close frame queues behind what is buffered: a slow client still learns why, a dead one
      // is destroyed by ws's own close timeout. Either way nothing more is buffered for it.
      this.close(CLOSE.tryAgainLater, CLOSE_REASON.tryAgainLater);
      return;
    }
    // A text frame of bytes encoded once: ws writes them as they are, with no copy per client.
    this.socket.send(bytes, { binary: false });
  }

  private receive(data: { toString(): string }, isBinary: boolean): void {
    if (isBinary) return;
    let message: unknown;
    try {
      message = JSON.parse(data.toString());
    } catch {
      return; // the contract defines no answer to what is not a message; ignore it
    }
    if ((message as { type?: unknown } | null)?.type !== 'ping') return;
    this.send(this.deps.encode({ type: 'pong', serverTime: new Date(this.deps.now()).toISOString() }));
  }

  private watchExpiry(): void {
    if (this.expiresAt === undefined) return;
    const left = this.expiresAt - this.deps.now();
    this.expiryTimer = setTimeout(
      () => {
        this.expiryTimer = undefined;
        if (this.expiresAt !== undefined && this.expiresAt <= this.deps.now())
          this.close(CLOSE.unauthorized, 'token_expired');
        else this.watchExpiry();
      },
      Math.min(Math.max(0, left), MAX_TIMER_MS),
    );
    unrefTimer(this.expiryTimer);
  }

  /** Stops events and timers; runs once, whoever closed the socket. */
  private dispose(): void {
    if (this.closed) return;
    this.closed = true;
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    clearTimeout(this.expiryTimer);
    this.expiryTimer = undefined;
    this.deps.onClosed(this);
  }
}

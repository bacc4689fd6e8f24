import { afterAll } from 'vitest';
import WebSocket, { type ClientOptions } from 'ws';
import type { MockOptions } from '../../profiles/call-center/package.ts';
import { type RunningMock, startMock } from '../../profiles/call-center/package.ts';
import { demoLogin } from '../../scripts/support/demo-login.ts';

/** The options every real-time test starts from: a free port, quiet, unlimited, calls 200x faster. */
export const REALTIME_TEST_OPTIONS: Partial<MockOptions> = {
  port: 0,
  log: 'off',
  rateLimit: 0,
  callSpeed: 200,
  seedDate: '2026-11-01',
  calls: 50,
};

/** A message as received: every message of the channel has a `type`. */
export interface Received {
  type: string;
  [field: string]: unknown;
}

export interface TestMock {
  mock: RunningMock;
  token: string;
  /** `ws://127.0.0.1:port/api/ws`, with `?token=` unless `token` is null. */
  socketUrl(token?: string | null): string;
  /** A JSON request to the API as the logged-in user. */
  api(method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown }>;
}

/** Starts a mock for one test file (closed after it) and logs in as the demo user. */
export async function useMock(overrides: Partial<MockOptions> = {}): Promise<TestMock> {
  const mock = await startMock({ ...REALTIME_TEST_OPTIONS, ...overrides });
  afterAll(() => mock.close());
  const token = await demoLogin(mock.baseUrl);
  return {
    mock,
    token,
    socketUrl(given = token) {
      const url = `${mock.baseUrl.replace(/^http/, 'ws')}/ws`;
      return given === null ? url : `${url}?token=${encodeURIComponent(given)}`;
    },
    async api(method, path, body) {
      const res = await fetch(mock.baseUrl + path, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : undefined };
    },
  };
}

/**
 * A client of the channel that records what it receives, as a dashboard would. Waiting is by
 * condition, never by a fixed delay: the test's own timeout is the only clock.
 */
export class TestClient {
  readonly socket: WebSocket;
  readonly messages: Received[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;
  /** The HTTP status of a refused handshake (a 404), if there was one. */
  refusedWith: number | undefined;
  private waiters: (() => void)[] = [];

  constructor(url: string, options: ClientOptions = {}) {
    this.socket = new WebSocket(url, options);
    this.socket.on('message', (data) => {
      this.messages.push(JSON.parse(String(data)) as Received);
      this.wake();
    });
    this.socket.on('unexpected-response', (_req, res) => {
      this.refusedWith = res.statusCode;
      res.resume();
      this.socket.terminate();
    });
    this.socket.on('error', () => {});
    this.closed = new Promise((done) =>
      this.socket.once('close', (code, reason) => {
        this.wake();
        done({ code, reason: String(reason) });
      }),
    );
  }

  /** Resolves once `test` holds, checked on every message and at the close. */
  async until(test: () => boolean): Promise<void> {
    while (!test()) {
      if (this.socket.readyState === WebSocket.CLOSED) throw new Error('the socket closed while waiting');
      await new Promise<void>((wake) => this.waiters.push(wake));
    }
  }

  /** The first message of a type (after `from`), waiting for it if needed. */
  async next(type: string, from = 0): Promise<Received> {
    let found: Received | undefined;
    await this.until(() => {
      found = this.messages.slice(from).find((m) => m.type === type);
      return found !== undefined;
    });
    return found as Received;
  }

  /**
   * Sends `ping` and waits for its `pong`: everything the server published before it read the ping
   * has then arrived, because one socket delivers in order.
   */
  async barrier(): Promise<void> {
    const from = this.messages.length;
    this.socket.send(JSON.stringify({ type: 'ping' }));
    await this.next('pong', from);
  }

  /** Events received so far (not ready or pong), and forgets them. */
  takeEvents(): Received[] {
    const events = this.messages.filter((m) => m.type !== 'ready' && m.type !== 'pong');
    this.messages.length = 0;
    return events;
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }
}

/** Connects and waits for `ready`. */
export async function connect(url: string, options?: ClientOptions): Promise<TestClient> {
  const client = new TestClient(url, options);
  await client.next('ready');
  return client;
}

/** Resolves once `test` holds, checking after each turn of the event loop. */
export async function eventually(test: () => boolean): Promise<void> {
  while (!test()) await new Promise((wake) => setTimeout(wake, 5));
}

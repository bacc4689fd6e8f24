import { createServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import WebSocket, { WebSocketServer } from 'ws';

/** A request as the proxy received it, body read in full. */
export interface ProxiedRequest {
  method: string;
  /** Path and query, as sent (`/api/topics?q=x`). */
  url: URL;
  headers: Record<string, string>;
  body: Buffer;
}

/** A response the proxy is about to send; rules may change any part of it. */
export interface ProxiedResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
  /** Close the connection without a byte of answer instead, as a server that crashed on the request. */
  drop?: boolean;
}

/**
 * One rule of the contract, broken on purpose. `request` may change what goes upstream or answer
 * by itself; `response` may change what comes back; `event` may drop (false) or change a
 * WebSocket message from the server; `close` may hide the server's close of a WebSocket.
 */
export interface BrokenRule {
  request?(
    req: ProxiedRequest,
    state: RuleState,
  ): ProxiedRequest | ProxiedResponse | Promise<ProxiedRequest | ProxiedResponse>;
  response?(
    req: ProxiedRequest,
    res: ProxiedResponse,
    state: RuleState,
  ): ProxiedResponse | Promise<ProxiedResponse>;
  event?(message: string): string | false;
  /** Whether the server's close of a WebSocket reaches the client; false keeps the client's socket open. */
  close?(code: number, reason: string): boolean;
  /** Cut the connection when the client sends its close frame, instead of answering it (no 1000 back). */
  dropOnClientClose?: boolean;
}

/** What a rule may remember between requests, and a way to call the real backend itself. */
export interface RuleState {
  memory: Map<string, unknown>;
  upstream(req: ProxiedRequest): Promise<ProxiedResponse>;
}

export interface BrokenProxy {
  baseUrl: string;
  close(): Promise<void>;
}

const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'transfer-encoding',
  'upgrade',
  'content-length',
  'host',
]);

function isResponse(value: ProxiedRequest | ProxiedResponse): value is ProxiedResponse {
  return 'status' in value;
}

/**
 * A thin HTTP and WebSocket proxy in front of a conformant backend (the mock) that breaks exactly
 * one rule of the contract: the runner pointed at it must fail the matching check. Listens on
 * 127.0.0.1 only.
 */
export async function startBrokenProxy(upstreamBaseUrl: string, rule: BrokenRule): Promise<BrokenProxy> {
  const upstream = new URL(upstreamBaseUrl);
  const forward = (req: ProxiedRequest) =>
    new Promise<ProxiedResponse>((done, fail) => {
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers)) if (!HOP_BY_HOP.has(k)) headers[k] = v;
      headers['content-length'] = String(req.body.length);
      const out = httpRequest(
        {
          host: upstream.hostname,
          port: upstream.port,
          method: req.method,
          path: req.url.pathname + req.url.search,
          headers,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const resHeaders: Record<string, string> = {};
            for (const [k, v] of Object.entries(res.headers))
              if (v !== undefined && !HOP_BY_HOP.has(k)) resHeaders[k] = Array.isArray(v) ? v.join(', ') : v;
            done({ status: res.statusCode ?? 502, headers: resHeaders, body: Buffer.concat(chunks) });
          });
        },
      );
      out.on('error', fail);
      out.end(req.body);
    });
  const state: RuleState = { memory: new Map(), upstream: forward };

  const server: Server = createServer(async (incoming, outgoing) => {
    try {
      const req = await readRequest(incoming);
      const changed = rule.request ? await rule.request(req, state) : req;
      let res = isResponse(changed) ? changed : await forward(changed);
      if (rule.response) res = await rule.response(isResponse(changed) ? req : changed, res, state);
      if (res.drop) return void incoming.socket.destroy();
      outgoing.writeHead(res.status, { ...res.headers, 'content-length': String(res.body.length) });
      outgoing.end(res.body);
    } catch (error) {
      outgoing.writeHead(502, { 'content-type': 'text/plain' });
      outgoing.end(`broken proxy: ${(error as Error).message}`);
    }
  });

  const sockets = new WebSocketServer({ noServer: true });
  server.on('upgrade', (incoming, socket, head) => {
    const back = new WebSocket(`ws://${upstream.host}${incoming.url ?? ''}`);
    // Messages and the close may come before the client's handshake is done: hold them until then.
    let client: WebSocket | undefined;
    const pending: string[] = [];
    let closed: { code: number; reason: string } | undefined;
    const relay = (text: string) => {
      const out = rule.event ? rule.event(text) : text;
      if (out !== false) client?.send(out);
    };
    back.on('message', (data) => (client ? relay(data.toString()) : pending.push(data.toString())));
    back.on('close', (code, reason) => {
      if (rule.close?.(code, reason.toString()) === false) return;
      closed = { code, reason: reason.toString() };
      client?.close(code, closed.reason);
    });
    back.on('error', () => socket.destroy());
    back.on('open', () =>
      sockets.handleUpgrade(incoming, socket, head, (ready) => {
        client = ready;
        // Before ws reads it: a client frame whose opcode is close (0x8) ends the connection unanswered.
        if (rule.dropOnClientClose)
          socket.prependListener('data', (chunk: Buffer) => {
            if (((chunk[0] ?? 0) & 0x0f) === 0x8) socket.destroy();
          });
        for (const text of pending.splice(0)) relay(text);
        if (closed) ready.close(closed.code, closed.reason);
        ready.on('message', (data) => back.readyState === WebSocket.OPEN && back.send(data.toString()));
        ready.on('close', () => back.close());
      }),
    );
  });

  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}${upstream.pathname.replace(/\/$/, '')}`,
    async close() {
      for (const client of sockets.clients) client.terminate();
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
}

async function readRequest(incoming: IncomingMessage): Promise<ProxiedRequest> {
  const chunks: Buffer[] = [];
  for await (const chunk of incoming) chunks.push(chunk as Buffer);
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(incoming.headers))
    if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : v;
  return {
    method: incoming.method ?? 'GET',
    url: new URL(incoming.url ?? '/', 'http://proxy.invalid'),
    headers,
    body: Buffer.concat(chunks),
  };
}

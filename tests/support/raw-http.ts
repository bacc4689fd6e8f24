import { connect } from 'node:net';

/** What came back on a raw connection: the status line's code, headers, body, and how it ended. */
export interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
  text: string;
}

/**
 * Writes bytes to a loopback port as they are (no client library to fix them up), optionally in
 * slow pieces, and reads until the server closes the connection or `timeoutMs` passes.
 */
export function rawRequest(
  port: number,
  payload: Buffer | string | (Buffer | string)[],
  options: { pauseMs?: number; timeoutMs?: number } = {},
): Promise<RawAnswer> {
  const pieces = Array.isArray(payload) ? payload : [payload];
  return new Promise((done) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    let finished = false;
    const finish = () => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      socket.destroy();
      done(parse(Buffer.concat(chunks).toString('utf8')));
    };
    const timer = setTimeout(finish, options.timeoutMs ?? 5000);
    socket.on('data', (d) => {
      chunks.push(d);
      // One answer is enough: stop once its declared body has arrived.
      const answer = parse(Buffer.concat(chunks).toString('utf8'));
      const length = Number(answer.headers['content-length']);
      if (answer.status && Number.isFinite(length) && Buffer.byteLength(answer.body) >= length) finish();
    });
    socket.on('close', finish);
    socket.on('error', finish);
    socket.on('connect', async () => {
      for (const piece of pieces) {
        if (socket.destroyed) return;
        socket.write(piece);
        if (options.pauseMs) await new Promise((r) => setTimeout(r, options.pauseMs));
      }
    });
  });
}

function parse(raw: string): RawAnswer {
  // Interim answers (100 Continue) come before the real one: skip them.
  let text = raw;
  while (/^HTTP\/1\.[01] 1\d\d /.test(text) && text.includes('\r\n\r\n'))
    text = text.slice(text.indexOf('\r\n\r\n') + 4);
  const split = text.indexOf('\r\n\r\n');
  const head = split === -1 ? text : text.slice(0, split);
  const [statusLine = '', ...lines] = head.split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
  }
  return {
    status: Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine)?.[1] ?? 0),
    headers,
    body: split === -1 ? '' : text.slice(split + 4),
    text: raw,
  };
}

import { randomUUID } from 'node:crypto';
import type { Duplex } from 'node:stream';
import { MAX_HEADER_BYTES, MAX_URL_BYTES } from '../core/limits.ts';
import { problemBody } from './problem.ts';

export { MAX_HEADER_BYTES, MAX_URL_BYTES };

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  408: 'Request Timeout',
  413: 'Payload Too Large',
  414: 'URI Too Long',
  431: 'Request Header Fields Too Large',
};

/**
 * The HTTP server's `clientError` handler: what Node's parser refuses never reaches Express, so
 * Node would answer a bare 431 without a body. A request line or headers over the limit are
 * answered here as the contract's problem details instead: 414 when the request line alone is too
 * long (a huge URL), 431 otherwise. Other parser errors keep Node's own bare answers.
 */
export function answerClientError(
  types?: string,
): (err: NodeJS.ErrnoException & { rawPacket?: Buffer }, socket: Duplex) => void {
  return (err, socket) => {
    const busy = (socket as { _httpMessage?: { headersSent?: boolean } })._httpMessage?.headersSent;
    if (socket.writable && !busy) socket.write(clientErrorResponse(err, types));
    socket.destroy();
  };
}

function clientErrorResponse(err: NodeJS.ErrnoException & { rawPacket?: Buffer }, types?: string): string {
  if (err.code !== 'HPE_HEADER_OVERFLOW') {
    const status =
      err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? 408
        : err.code === 'HPE_CHUNK_EXTENSIONS_OVERFLOW'
          ? 413
          : 400;
    return `HTTP/1.1 ${status} ${STATUS_TEXT[status]}\r\nConnection: close\r\n\r\n`;
  }
  const code = requestLineTooLong(err.rawPacket) ? 'uri_too_long' : 'headers_too_large';
  const requestId = randomUUID();
  const detail =
    code === 'uri_too_long'
      ? `The URL may be at most ${MAX_URL_BYTES} bytes.`
      : `The request line and headers may be at most ${MAX_HEADER_BYTES} bytes.`;
  const body = JSON.stringify(problemBody(code, detail, '/', requestId, undefined, undefined, types));
  const status = code === 'uri_too_long' ? 414 : 431;
  return [
    `HTTP/1.1 ${status} ${STATUS_TEXT[status]}`,
    'Content-Type: application/problem+json',
    `Content-Length: ${Buffer.byteLength(body)}`,
    `X-Request-Id: ${requestId}`,
    'Connection: close',
    '',
    body,
  ].join('\r\n');
}

/** True when the bytes the parser choked on begin a request line that is itself over the URL limit. */
function requestLineTooLong(packet: Buffer | undefined): boolean {
  if (!packet) return false;
  const head = packet.toString('latin1', 0, Math.min(packet.length, MAX_URL_BYTES + 64));
  if (!/^[A-Z]+ \S/.test(head)) return false;
  const end = head.indexOf('\r\n');
  return end === -1 || end > MAX_URL_BYTES;
}

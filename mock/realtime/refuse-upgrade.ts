import { randomUUID } from 'node:crypto';
import type { Duplex } from 'node:stream';
import { problemBody } from '../http/problem.ts';

/** Answers an upgrade the channel does not serve with a 404 problem, then hangs up. */
export function refuseUpgrade(socket: Duplex, pathname: string, channelPath: string, types?: string): void {
  const body = JSON.stringify(
    problemBody(
      'route_not_found',
      `The real-time channel is at ${channelPath}; ${pathname} takes no WebSocket.`,
      pathname,
      randomUUID(),
      undefined,
      undefined,
      types,
    ),
  );
  socket.end(
    [
      'HTTP/1.1 404 Not Found',
      'Content-Type: application/problem+json',
      `Content-Length: ${Buffer.byteLength(body)}`,
      'Connection: close',
      '',
      body,
    ].join('\r\n'),
    () => socket.destroy(),
  );
}

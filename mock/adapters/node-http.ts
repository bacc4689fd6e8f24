import { createReadStream } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type BodySource, BodyTooLarge, type CoreRequest, type CoreResponse } from '../core/exchange.ts';
import type { HandleRequest } from '../core/handle-request.ts';
import { concat } from '../core/read-body.ts';

/**
 * The mock as a `node:http` request listener (`npm start`): Node's request handed to the core
 * as it is (method, URL and headers need no copy), the core's answer written back. Nothing else.
 */
export function nodeListener(handle: HandleRequest): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    handle(coreRequestOf(req)).then(
      (answered) => writeAnswer(res, answered),
      // The core renders every failure itself; this is the last guard of the socket.
      () => {
        if (!res.headersSent) res.writeHead(500);
        res.end();
      },
    );
  };
}

/** Node's request as the core reads it. */
export function coreRequestOf(req: IncomingMessage, url = req.url ?? '/'): CoreRequest {
  return {
    method: req.method ?? 'GET',
    url,
    headers: req.headers,
    client: req.socket.remoteAddress ?? '',
    body: new NodeBody(req),
  };
}

/** A Node request's body, read only if the operation takes one: one object, no closures per request. */
class NodeBody implements BodySource {
  constructor(private readonly req: IncomingMessage) {}

  bytes(limit: number): Promise<Uint8Array> {
    const { req } = this;
    return new Promise((resolve, reject) => {
      const chunks: Uint8Array[] = [];
      let size = 0;
      const onData = (chunk: Buffer) => {
        size += chunk.length;
        if (size > limit) {
          cleanup();
          // The rest is not read into memory; Node drains it once the answer is sent.
          reject(new BodyTooLarge(limit));
          return;
        }
        chunks.push(chunk);
      };
      const onEnd = () => {
        cleanup();
        resolve(concat(chunks, size));
      };
      const onError = (error: Error) => {
        cleanup();
        reject(error);
      };
      const cleanup = () => {
        req.off('data', onData);
        req.off('end', onEnd);
        req.off('error', onError);
        req.off('aborted', onError);
      };
      req.on('data', onData);
      req.on('end', onEnd);
      req.on('error', onError);
      req.on('aborted', onError);
    });
  }

  stream(): IncomingMessage {
    return this.req;
  }
}

/** Writes the core's answer; a kept file is streamed from disk. Node sends no body to HEAD. */
export function writeAnswer(res: ServerResponse, answered: CoreResponse): void {
  res.writeHead(answered.status, answered.headers);
  if (answered.file) {
    const file = createReadStream(answered.file.path);
    file.on('error', () => res.destroy());
    file.pipe(res);
    return;
  }
  res.end(answered.body);
}

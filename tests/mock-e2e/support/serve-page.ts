import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ServedPage {
  /** `http://127.0.0.1:<port>`, the origin the browser sends as `Origin`. */
  origin: string;
  close(): Promise<void>;
}

/** A file served beside the page: a script, a service worker. */
export interface Asset {
  type: string;
  body: string;
}

/**
 * Serves one HTML page at `/` (any query) from its own loopback port, so that a browser loading it
 * has an origin of its own: what a frontend's dev server is to the mock. `assets` are served at
 * their paths; other paths are 404.
 */
export async function servePage(html: string, assets: Record<string, Asset> = {}): Promise<ServedPage> {
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://page').pathname;
    const asset = assets[path];
    if (asset) {
      res.writeHead(200, { 'content-type': asset.type, 'cache-control': 'no-store' });
      res.end(asset.body);
      return;
    }
    if (path !== '/') {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(html);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
}

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendOverNodeHttp } from './fetch-refused-methods.ts';
import { describeTransportError } from './transport-error.ts';

// The sender the runner uses for TRACE: the same Response and the same transport errors as fetch.
describe('sendOverNodeHttp', () => {
  let server: Server;
  let base: string;
  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url === '/empty') return res.writeHead(204).end();
      res.writeHead(200, { 'content-type': 'text/plain', 'x-method': req.method ?? '' });
      res.end(`${req.method} ${req.headers['x-probe'] ?? ''}`);
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((done) => server.close(() => done())));

  it('sends a method fetch refuses, with its headers, and answers a Response', async () => {
    const res = await sendOverNodeHttp(`${base}/anything`, {
      method: 'TRACE',
      headers: { 'x-probe': 'yes' },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-method')).toBe('TRACE');
    expect(await res.text()).toBe('TRACE yes');
  });

  it('answers a 204 with no body', async () => {
    const res = await sendOverNodeHttp(`${base}/empty`, { method: 'TRACE' });
    expect(res.status).toBe(204);
    expect(res.body).toBeNull();
  });

  it('fails as fetch does where nothing listens, so the run says the same sentence', async () => {
    const closed = createServer();
    await new Promise<void>((done) => closed.listen(0, '127.0.0.1', done));
    const url = `http://127.0.0.1:${(closed.address() as AddressInfo).port}/x`;
    await new Promise<void>((done) => closed.close(() => done()));
    const error = await sendOverNodeHttp(url, { method: 'TRACE' }).catch((e: unknown) => e);
    expect(describeTransportError(error, url, 1000)).toMatch(/Nothing is listening/);
  });
});

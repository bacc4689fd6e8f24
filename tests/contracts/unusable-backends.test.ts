import { createServer as createHttpServer } from 'node:http';
import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bin, freePort, run } from '../support/processes.ts';

/** A TCP server on 127.0.0.1 that does whatever `onSocket` does with each connection. */
async function tcpServer(
  onSocket: (socket: import('node:net').Socket) => void,
): Promise<{ server: Server; port: number }> {
  const server = createServer(onSocket);
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return { server, port: (server.address() as { port: number }).port };
}

// A backend that is down, slow, not HTTP or at the wrong URL gets one clear sentence and exit 3.
describe.concurrent('the runner against backends it cannot check', () => {
  const servers: { close(): void }[] = [];
  let garbage: number;
  let silent: number;
  let html: number;
  let closed: number;
  let prefixed: number;

  beforeAll(async () => {
    const a = await tcpServer((socket) => socket.end('SSH-2.0-OpenSSH_9.6\r\n'));
    const b = await tcpServer(() => {});
    const web = createHttpServer((_req, res) =>
      res.writeHead(404, { 'content-type': 'text/html' }).end('<h1>Not found</h1>'),
    );
    await new Promise<void>((done) => web.listen(0, '127.0.0.1', done));
    // Health under /api only, and a JSON 404 for everything else (the login too), as a backend
    // without the login route, or the mock reached without its prefix, answers.
    const api = createHttpServer((req, res) => {
      if (req.url === '/api/health')
        return res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
      res.writeHead(404, { 'content-type': 'application/problem+json' }).end('{"code":"route_not_found"}');
    });
    await new Promise<void>((done) => api.listen(0, '127.0.0.1', done));
    prefixed = (api.address() as { port: number }).port;
    servers.push(a.server, b.server, web, api);
    garbage = a.port;
    silent = b.port;
    html = (web.address() as { port: number }).port;
    closed = await freePort();
  });
  afterAll(() => {
    for (const s of servers) s.close();
  });

  it.each([
    [
      'down',
      () => [`http://127.0.0.1:${closed}/api`],
      /Nothing is listening at http:\/\/127\.0\.0\.1:\d+: the connection was refused\. Is the backend running\?/,
    ],
    [
      'not HTTP',
      () => [`http://127.0.0.1:${garbage}/api`],
      /(not HTTP|closed the connection without answering)/,
    ],
    [
      'slow',
      () => [`http://127.0.0.1:${silent}/api`, '--request-timeout', '300'],
      /did not answer .* within 0\.3 s \(raise --request-timeout if it is just slow\)/,
    ],
    [
      'at the wrong base URL',
      () => [`http://127.0.0.1:${html}`],
      /answers 404 for \/health \(the spec's health check\), and so do http:\/\/127\.0\.0\.1:\d+\/api: is --base-url the API's base URL, prefix included\?/,
    ],
    [
      'missing its /api prefix',
      () => [`http://127.0.0.1:${prefixed}`],
      /http:\/\/127\.0\.0\.1:\d+ answers 404 for \/health, but http:\/\/127\.0\.0\.1:\d+\/api\/health answers 200: run with --base-url http:\/\/127\.0\.0\.1:\d+\/api/,
    ],
    [
      'without a login there',
      () => [`http://127.0.0.1:${prefixed}/api`],
      /There is no login at POST http:\/\/127\.0\.0\.1:\d+\/api\/auth\/login \(404\): check --base-url/,
    ],
  ])('says so in one sentence when the backend is %s', async (_, args, sentence) => {
    const { code, output } = await run(bin('tsx'), [
      'profiles/call-center/runner/cli.ts',
      '--base-url',
      ...args(),
    ]);
    expect(output).toMatch(sentence);
    expect(output).not.toMatch(/\n\s+at /);
    expect(code).toBe(3);
  });

  it('runs the same through the ai-call-center-contract bin (for npx)', async () => {
    const { code, output } = await run(process.execPath, [
      'contracts/bin/ai-call-center-contract.js',
      '--base-url',
      `http://127.0.0.1:${closed}/api`,
    ]);
    expect(output).toMatch(/Nothing is listening at/);
    expect(code).toBe(3);
  });

  it('exits 2 with the known names when --only names nothing known', async () => {
    const { code, output } = await run(bin('tsx'), [
      'profiles/call-center/runner/cli.ts',
      '--base-url',
      `http://127.0.0.1:${closed}/api`,
      '--only',
      'cros',
    ]);
    expect(output).toMatch(/Unknown name in --only\/--skip: cros\./);
    expect(code).toBe(2);
  });
});

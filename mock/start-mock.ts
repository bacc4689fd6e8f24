import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PROFILES } from '../profiles/index.ts';
import { loadSpec } from '../spec/load-spec.ts';
import { validateSpecOnce } from '../spec/validate-once.ts';
import { createMockApp, type MockApp } from './create-mock-app.ts';
import { answerClientError, MAX_HEADER_BYTES } from './http/size-limits.ts';
import { defaultOptions, type MockOptions } from './options.ts';
import { attachRealtime, type Realtime } from './realtime/attach-realtime.ts';
import type { Snapshot } from './store/store.ts';

export interface RunningMock extends MockApp {
  server: Server;
  /** `http://host:port/api`, the base URL the contract's paths are relative to. */
  baseUrl: string;
  /** `http://host:port`, the origin. */
  origin: string;
  port: number;
  /** The WebSocket channel of asyncapi.yaml, at `${basePath}/ws` on the same port. */
  realtime: Realtime;
}

/**
 * Loads the contract, builds the mock and listens. For tests and the CLI alike: pass `port: 0`
 * for a free port. What Node's parser refuses (headers or a request line over the limit) is answered
 * as a 431 or 414 problem by `answerClientError`.
 */
export async function startMock(
  overrides: Partial<MockOptions> = {},
  specPath?: string,
  previous?: Snapshot,
): Promise<RunningMock> {
  const options = { ...defaultOptions(), ...overrides };
  // Dereference only, then validate once listening (and once per content): the schema check is a
  // third of a start.
  const spec = await loadSpec(specPath ?? options.spec, { validate: false });
  const mock = await createMockApp(spec, options, PROFILES, previous);
  const server = createServer({ maxHeaderSize: MAX_HEADER_BYTES, requestTimeout: 120_000 }, mock.app);
  server.on('clientError', answerClientError);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const realtime = await attachRealtime(server, mock.ctx, { logger: mock.logger }).catch(async (error) => {
    await new Promise((done) => server.close(done));
    await mock.close();
    throw error;
  });
  validateSpecOnce(spec).catch((error: Error) =>
    mock.logger.error(
      `${spec.path} is not a valid OpenAPI document (${error.message}); serving it as far as it goes.`,
    ),
  );
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  const origin = `http://${host}:${port}`;
  return {
    ...mock,
    server,
    port,
    origin,
    baseUrl: origin + mock.ctx.basePath,
    realtime,
    async close() {
      // Sockets first, with 1001, while the server can still write their close frames.
      await realtime.close();
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
      await mock.close();
    },
  };
}

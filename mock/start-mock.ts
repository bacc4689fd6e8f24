import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { nodeListener } from './adapters/node-http.ts';
import { createMockApp, type MockApp } from './create-mock-app.ts';
import { answerClientError, MAX_HEADER_BYTES } from './http/size-limits.ts';
import { dereferenceSpec, readSpec } from './openapi/load-spec.ts';
import { InvalidSpecError } from './openapi/spec-problems.ts';
import { checkSpecOnce } from './openapi/validate-once.ts';
import { defaultOptions, type GivenOptions, type MockOptions, OPTIONS } from './options.ts';
import type { Profile, ProfileOptionValues } from './profile.ts';
import { attachRealtime, type Realtime } from './realtime/attach-realtime.ts';
import type { SeedCache } from './store/seeded-state.ts';
import type { Snapshot } from './store/store.ts';

export type { MockOptions } from './options.ts';
export type { Profile } from './profile.ts';

/**
 * The mock's options, and the profiles it may use: those a contract's `x-mock.profile` names. The
 * options of the profiles registered (`P`, inferred from `profiles`, and `Q`, those a distribution
 * adds itself, as the call center's package does) are taken by key beside the engine's:
 * `startMock({ calls: 50, profiles: [callCenterProfile] })`.
 */
export type StartOptions<
  P extends readonly Profile[] = readonly [],
  Q extends readonly Profile[] = readonly [],
> = Partial<MockOptions> &
  Partial<ProfileOptionValues<[...P, ...Q]>> & {
    profiles?: P;
    /** Where seeded states are kept between starts of the same build (the CLI's); none by default. */
    seedCache?: SeedCache;
  };

export interface RunningMock extends MockApp {
  server: Server;
  /** `http://host:port/api`, the base URL the contract's paths are relative to. */
  baseUrl: string;
  /** `http://host:port`, the origin. */
  origin: string;
  port: number;
  /** The WebSocket channel of asyncapi.yaml, at `${basePath}/ws` on the same port. */
  realtime: Realtime;
  /** Why the contract is not a valid OpenAPI document, one line each; empty when it is (or `lenient` is off). */
  specProblems: string[];
  /** What only a known validator bug refuses (mock/openapi/validator-bugs.ts): served, and logged as a warning. */
  specWarnings: string[];
}

/**
 * Loads the contract, checks it, builds the mock and listens. `profiles` are the plug-ins a
 * contract may ask for by name (its top-level `x-mock.profile`): none is built in. For tests and the CLI alike: pass
 * `port: 0` for a free port. A contract that fails OpenAPI validation is refused with an
 * `InvalidSpecError` listing its problems, before anything listens; with `lenient` it is served
 * and its problems are in `specProblems`. What Node's parser refuses (headers or a request line
 * over the limit) is answered as a 431 or 414 problem by `answerClientError`.
 */
export async function startMock<const P extends readonly Profile[] = readonly []>(
  { profiles, seedCache, ...overrides }: StartOptions<P> = {},
  specPath?: string,
  previous?: Snapshot,
): Promise<RunningMock> {
  const options: GivenOptions = { ...defaultOptions(), ...overrides };
  // Read, check against the OpenAPI schema as written, then dereference in place: the check is
  // remembered per content (mock/openapi/validate-once.ts), so an unchanged contract costs a file
  // read. Checked before anything is built or listens, so an invalid contract never prints a ready
  // banner.
  const source = await readSpec(specPath ?? options.spec, options.cacheDir);
  const { problems, warnings } = await checkSpecOnce(source, options.cacheDir);
  if (problems.length > 0 && !options.lenient) {
    const lenient = OPTIONS.find((o) => o.key === 'lenient');
    const hint = `Fix it, or start with ${lenient?.flag} (${lenient?.env}=on) to serve it anyway.`;
    throw new InvalidSpecError(source.path, problems, hint);
  }
  const spec = await dereferenceSpec(source);
  const mock = await createMockApp(spec, options, profiles ?? [], previous, seedCache);
  for (const warning of warnings) mock.logger.warn(`${spec.path}: ${warning}`);
  const server = createServer(
    { maxHeaderSize: MAX_HEADER_BYTES, requestTimeout: 120_000 },
    nodeListener(mock.handle),
  );
  server.on('clientError', answerClientError(mock.ctx.problemTypes));
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
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  const origin = `http://${host}:${port}`;
  return {
    ...mock,
    server,
    port,
    origin,
    baseUrl: origin + mock.ctx.basePath,
    realtime,
    specProblems: problems,
    specWarnings: warnings,
    async close() {
      // Sockets first, with 1001, while the server can still write their close frames.
      await realtime.close();
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
      await mock.close();
    },
  };
}

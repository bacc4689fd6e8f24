import { bin, freePort, type Service, startService } from '../../support/processes.ts';

export interface PrismProxy {
  /** Where Prism listens; the spec's paths hang off it directly (`/voip/calls`, no `/api`). */
  base: string;
  output(): string;
  stop(): Promise<void>;
}

/**
 * Starts `prism proxy openapi.yaml <upstream> --errors` on a free loopback port. Prism serves the
 * spec's paths without the server URL's base path and forwards each to `upstream + path`, so the
 * upstream is the mock's base URL with `/api`. With `--errors`, a request or response that breaks
 * the spec is answered by Prism with an error of its own instead of being passed on.
 * `validateRequests: false` forwards requests that break the spec, to judge the mock's answer to them.
 */
export async function startPrismProxy(
  upstream: string,
  options: { validateRequests?: boolean } = {},
): Promise<PrismProxy> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const args = ['proxy', 'openapi.yaml', upstream, '--errors', '--host', '127.0.0.1', '-p', String(port)];
  if (options.validateRequests === false) args.push('--validate-request=false');
  // Ready once Prism answers at all: what it answers depends on the upstream.
  const ready = async () => Boolean(await fetch(`${base}/health`));
  const service: Service = await startService(bin('prism'), args, ready, { timeoutMs: 60_000 });
  return { base, output: service.output, stop: service.stop };
}

/** What Prism made of one exchange. */
export interface Verdict {
  status: number;
  /** Prism's `sl-violations` header: every way the request or the response broke the spec. */
  violations: string | null;
  /** The `type` of an error Prism answered itself (`https://stoplight.io/prism/errors#...`). */
  prismError: string | null;
  headers: Headers;
  body: unknown;
}

const PRISM_ERRORS = 'https://stoplight.io/prism/errors#';

/** Reads a response that came through Prism and says whether Prism objected to anything. */
export async function judge(res: Response): Promise<Verdict> {
  const text = await res.text();
  const json =
    /json/.test(res.headers.get('content-type') ?? '') && text ? (JSON.parse(text) as unknown) : text;
  const type = (json as { type?: unknown } | null)?.type;
  return {
    status: res.status,
    violations: res.headers.get('sl-violations'),
    prismError: typeof type === 'string' && type.startsWith(PRISM_ERRORS) ? type : null,
    headers: res.headers,
    body: json,
  };
}

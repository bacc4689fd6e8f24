import autocannon from 'autocannon';

/** One kind of request to load a server with. `[<id>]` in the body becomes a unique id per request. */
export interface LoadRequest {
  url: string;
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: string;
}

export interface LoadOptions {
  durationSeconds: number;
  /** Unmeasured load first, so that every server is measured after its JIT has warmed up. */
  warmupSeconds: number;
  connections: number;
}

/** What a load run measured. Requests a second count 2xx answers only. */
export interface LoadFigures {
  rps: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  non2xx: number;
  errors: number;
}

/**
 * Loads one URL with autocannon (keep-alive connections, no pipelining) and answers throughput and
 * latency. Runs in this process: on a 2-core machine the load generator takes one core and the
 * server the other, the same for every peer.
 */
export async function measureLoad(req: LoadRequest, options: LoadOptions): Promise<LoadFigures> {
  const base = {
    url: req.url,
    method: req.method,
    headers: req.headers,
    body: req.body,
    idReplacement: req.body?.includes('[<id>]') ?? false,
    connections: options.connections,
    pipelining: 1,
  };
  if (options.warmupSeconds > 0) await autocannon({ ...base, duration: options.warmupSeconds });
  const result = await autocannon({ ...base, duration: options.durationSeconds });
  return {
    rps: round(result['2xx'] / result.duration, 0),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

/**
 * Median latency of sequential requests (one connection), for the scale figures: how long one user
 * waits for one answer over a big store, without queueing behind other requests.
 */
export async function measureLatency(req: LoadRequest, durationSeconds: number): Promise<LoadFigures> {
  return measureLoad(req, { durationSeconds, warmupSeconds: 0, connections: 1 });
}

export const round = (n: number, digits = 1): number => Math.round(n * 10 ** digits) / 10 ** digits;

// Peer (f): Scalar's mock server (@scalar/mock-server, a Hono app) over the same contract, served by
// @hono/node-server as its README shows. Plain JavaScript run by plain `node`, like the bare peers.
import { readFileSync } from 'node:fs';
import { serve } from '@hono/node-server';
import { createMockServer } from '@scalar/mock-server';

const document = JSON.parse(readFileSync(process.env.BENCH_SPEC ?? 'generated/openapi.bundle.json', 'utf8'));
const app = await createMockServer({ specification: document });
serve({ fetch: app.fetch, port: Number(process.env.PORT), hostname: '127.0.0.1' });

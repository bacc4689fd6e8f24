// Scalar's mock server (@scalar/mock-server, a Hono app) over one description of the corpus
// (CORPUS_SPEC), served by @hono/node-server as its README shows, for the bench's corpus step.
import { readFileSync } from 'node:fs';
import { serve } from '@hono/node-server';
import { createMockServer } from '@scalar/mock-server';

const document = JSON.parse(readFileSync(process.env.CORPUS_SPEC, 'utf8'));
const app = await createMockServer({ specification: document });
serve({ fetch: app.fetch, port: Number(process.env.PORT), hostname: '127.0.0.1' });

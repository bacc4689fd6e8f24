// Peer (b), the framework's floor: one Express route per operation answering the mock's captured
// bytes, with express.json() on the write as every Express API has. Plain JavaScript run by `node`.
import { readFileSync } from 'node:fs';
import express from 'express';

/** @type {{ get: { path: string, status: number, contentType: string, body: string }, post: { path: string, status: number, contentType: string, body: string } }} */
const fixture = JSON.parse(readFileSync(process.env.BENCH_FIXTURE ?? '', 'utf8'));
const getBytes = Buffer.from(fixture.get.body);
const postBytes = Buffer.from(fixture.post.body);

const app = express();
app.disable('x-powered-by');
app.set('etag', false);
app.get(new URL(fixture.get.path, 'http://x').pathname, (_req, res) => {
  res.status(fixture.get.status).type(fixture.get.contentType).send(getBytes);
});
app.post(new URL(fixture.post.path, 'http://x').pathname, express.json(), (_req, res) => {
  res.status(fixture.post.status).type(fixture.post.contentType).send(postBytes);
});
app.listen(Number(process.env.PORT), '127.0.0.1');

// Peer (a), the ceiling: node:http answering the mock's captured bytes, nothing else. Plain
// JavaScript run by plain `node`, so that no TypeScript loader counts against the ceiling.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';

/** @type {{ get: { path: string, status: number, contentType: string, body: string }, post: { path: string, status: number, contentType: string, body: string } }} */
const fixture = JSON.parse(readFileSync(process.env.BENCH_FIXTURE ?? '', 'utf8'));
const answers = {
  GET: { ...fixture.get, bytes: Buffer.from(fixture.get.body) },
  POST: { ...fixture.post, bytes: Buffer.from(fixture.post.body) },
};

createServer((req, res) => {
  const answer = answers[/** @type {'GET' | 'POST'} */ (req.method)];
  // Read the whole body, as any server that creates something must.
  req.on('data', () => {});
  req.on('end', () => {
    if (!answer) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(answer.status, {
      'content-type': answer.contentType,
      'content-length': answer.bytes.length,
    });
    res.end(answer.bytes);
  });
}).listen(Number(process.env.PORT), '127.0.0.1');

/**
 * `npx tsx scripts/bench/in-process.ts [count]`: the mock's core called in process, no socket, for
 * the two operations the peers bench loads (`POST /api/topics`, `GET /api/qa?pageSize=20`): CPU
 * microseconds per request after a warm-up, so that a change to the core or the engine can be
 * compared with Node's HTTP left out. Run old and new in turns on a shared machine; compare within
 * one sitting. `node --cpu-prof --import tsx scripts/bench/in-process.ts` profiles the same loop.
 */
import type { CoreRequest } from '../../mock/core/exchange.ts';
import { createInProcessMock } from '../../profiles/call-center/package.ts';

const count = Number(process.argv[2] ?? 20_000);
const mock = await createInProcessMock({ calls: 100, log: 'off', rateLimit: 0, seedDate: '2026-11-01' });
const login = await mock.fetch('/api/auth/login', {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ email: 'admin@example.com', password: 'admin123' }),
});
const { token } = (await login.json()) as { token: string };
const headers = { authorization: `Bearer ${token}`, origin: 'http://localhost:5173', host: 'localhost' };

let made = 0;
/** A request as the node adapter hands it to the core, its body already read. */
function request(method: 'GET' | 'POST', url: string): CoreRequest {
  const bytes =
    method === 'POST'
      ? new TextEncoder().encode(JSON.stringify({ name: `Bench ${made++}`, description: 'In process.' }))
      : new Uint8Array();
  const sized =
    method === 'POST' ? { 'content-type': 'application/json', 'content-length': `${bytes.length}` } : {};
  return {
    method,
    url,
    headers: { ...headers, ...sized },
    client: '127.0.0.1',
    body: { bytes: async () => bytes },
  };
}

async function measure(method: 'GET' | 'POST', url: string, want: number): Promise<number> {
  for (let i = 0; i < count / 4; i++) {
    const answer = await mock.handle(request(method, url));
    if (answer.status !== want) throw new Error(`${method} ${url} answered ${answer.status}`);
  }
  const start = process.cpuUsage();
  for (let i = 0; i < count; i++) await mock.handle(request(method, url));
  const used = process.cpuUsage(start);
  return (used.user + used.system) / count;
}

try {
  const post = await measure('POST', '/api/topics', 201);
  const get = await measure('GET', '/api/qa?pageSize=20', 200);
  console.log(
    `POST /api/topics     ${post.toFixed(1)} us a request (${count} after ${count / 4} to warm up)`,
  );
  console.log(`GET /api/qa?pageSize=20 ${get.toFixed(1)} us a request`);
} finally {
  await mock.close();
}

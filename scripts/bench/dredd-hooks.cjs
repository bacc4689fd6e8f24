// Dredd hooks for the bench's timing of Dredd against the mock: log in once for a real token, then
// send it with every transaction. Only 2xx transactions are run (Dredd fills every request from
// the spec's examples and cannot produce the others on demand), and not the multipart upload.
const hooks = require('hooks');

let token = '';

hooks.beforeAll(async (_transactions, done) => {
  try {
    const res = await fetch(`${process.env.BENCH_BASE_URL}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@example.com', password: 'admin123' }),
    });
    token = (await res.json()).token;
  } catch (error) {
    hooks.log(`login failed: ${error}`);
  }
  done();
});

hooks.beforeEach((transaction, done) => {
  if (!transaction.expected.statusCode.startsWith('2')) transaction.skip = true;
  if (String(transaction.request.headers['Content-Type']).startsWith('multipart/')) transaction.skip = true;
  transaction.request.headers.Authorization = `Bearer ${token}`;
  // `days` and `months` exclude each other; Dredd fills both from their examples.
  transaction.fullPath = transaction.fullPath.replace(/&months=\d+/, '');
  transaction.request.uri = transaction.request.uri.replace(/&months=\d+/, '');
  done();
});

// Dredd compares Content-Type as an exact string, so `application/json; charset=utf-8` would fail
// against the spec's `application/json`; compare the media type alone.
hooks.beforeEachValidation((transaction, done) => {
  const headers = transaction.real?.headers ?? {};
  for (const name of Object.keys(headers))
    if (name.toLowerCase() === 'content-type') headers[name] = String(headers[name]).split(';')[0];
  done();
});

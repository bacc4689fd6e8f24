// Dredd hooks for the spec test that runs Dredd against Prism's mock of openapi.yaml.
// Dredd writes one transaction per documented status; only the 2xx ones can be produced on demand.
const hooks = require('hooks');

hooks.beforeEach((transaction, done) => {
  const status = transaction.expected.statusCode;
  if (!status.startsWith('2')) transaction.skip = true;
  // Dredd cannot build a multipart body from a binary schema; uploads are covered by our own runner.
  if (String(transaction.request.headers['Content-Type']).startsWith('multipart/')) transaction.skip = true;
  // Prism checks that a bearer token is present; it does not verify it.
  transaction.request.headers.Authorization = 'Bearer prism-accepts-any-token';
  // Dredd fills every parameter from its example; `days` and `months` exclude each other.
  transaction.fullPath = transaction.fullPath.replace(/&months=\d+/, '');
  transaction.request.uri = transaction.request.uri.replace(/&months=\d+/, '');
  done();
});

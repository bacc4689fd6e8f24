// Dredd hooks of `npm run contract:dredd`: what Dredd cannot express on its own.
// Dredd replays the documented example of every 2xx response. Against a live backend the examples'
// ids name nothing and their names already exist, so these hooks log in, create the resources the
// transactions act on, put their ids in place of the examples' ones, make names unique, keep a
// second login for logout and refresh, skip what Dredd cannot build (multipart uploads) or must not
// send (calls, unless a test number is given), and delete everything they created at the end.
const hooks = require('hooks');

const base = (process.env.CONTRACT_BASE_URL || 'http://localhost:3001/api').replace(/\/$/, '');
const email = process.env.CONTRACT_EMAIL || 'admin@example.com';
const password = process.env.CONTRACT_PASSWORD || 'admin123';
const testNumber = process.env.CONTRACT_TEST_NUMBER || '';
const run = Date.now().toString(36);
const state = { created: [] };

async function api(method, path, { token = state.token, json, form } = {}) {
  const headers = token ? { authorization: `Bearer ${token}` } : {};
  let body;
  if (json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(json);
  } else if (form) body = form;
  const res = await fetch(base + path, { method, headers, body, signal: AbortSignal.timeout(10000) });
  const text = await res.text();
  let data;
  try {
    data = JSON.parse(text);
  } catch {
    data = undefined;
  }
  return { status: res.status, data };
}

const login = async () => (await api('POST', '/auth/login', { token: null, json: { email, password } })).data;

function wav() {
  const samples = 800;
  const b = Buffer.alloc(44 + samples * 2);
  b.write('RIFF', 0, 'ascii');
  b.writeUInt32LE(36 + samples * 2, 4);
  b.write('WAVEfmt ', 8, 'ascii');
  b.writeUInt32LE(16, 16);
  b.writeUInt16LE(1, 20);
  b.writeUInt16LE(1, 22);
  b.writeUInt32LE(8000, 24);
  b.writeUInt32LE(16000, 28);
  b.writeUInt16LE(2, 32);
  b.writeUInt16LE(16, 34);
  b.write('data', 36, 'ascii');
  b.writeUInt32LE(samples * 2, 40);
  return b;
}

async function upload(name) {
  const form = new FormData();
  form.append('file', new Blob([wav()], { type: 'audio/wav' }), name);
  const { data } = await api('POST', '/voip/file', { form });
  if (data?.id) state.created.push(`/voip/file/${data.id}`);
  return data?.id;
}

async function setup() {
  state.token = (await login()).token;
  state.forLogout = await login();
  state.forRefresh = await login();
  const topic = await api('POST', '/topics', { json: { name: `Dredd run ${run}` } });
  state.topicId = topic.data.id;
  const qa = await api('POST', '/qa', {
    json: { question: `What does Dredd run ${run} check?`, answer: 'Examples.' },
  });
  state.qaId = qa.data.id;
  state.created.push(`/qa/${state.qaId}`);
  state.fileId = await upload(`dredd-${run}-a.wav`);
  state.contentFileId = await upload(`dredd-${run}-b.wav`);
  const calls = await api('GET', '/voip/calls?pageSize=1');
  state.callId = calls.data?.items?.[0]?.id;
  state.created.push(`/topics/${state.topicId}`);
}

const basePath = new URL(base).pathname.replace(/\/$/, '');

function setPath(transaction, path) {
  const query = transaction.fullPath.includes('?')
    ? transaction.fullPath.slice(transaction.fullPath.indexOf('?'))
    : '';
  transaction.fullPath = basePath + path + query;
  const uri = transaction.request.uri;
  transaction.request.uri = path + (uri.includes('?') ? uri.slice(uri.indexOf('?')) : '');
}

function setBody(transaction, change) {
  const body = JSON.parse(transaction.request.body || '{}');
  change(body);
  transaction.request.body = JSON.stringify(body);
}

const sleep = (ms) => new Promise((done) => setTimeout(done, ms));

async function waitForNoLiveCall() {
  for (let i = 0; i < 150; i++) {
    const { data } = await api(
      'GET',
      `/voip/calls?targetNumber=${encodeURIComponent(testNumber)}&status=queued,ringing,in_progress`,
    );
    if (data?.total === 0) return;
    await sleep(200);
  }
}

hooks.beforeAll((_transactions, done) => {
  setup().then(
    () => done(),
    (error) => {
      hooks.log(
        `Setting up failed: ${error.message}. Is the backend at ${base} up, and are the credentials right?`,
      );
      done();
    },
  );
});

hooks.beforeEach((transaction, done) => {
  const method = transaction.request.method;
  const resource = transaction.origin.resourceName;
  if (!transaction.expected.statusCode.startsWith('2')) transaction.skip = true;
  if (!['/auth/login', '/auth/refresh', '/health'].includes(resource))
    transaction.request.headers.Authorization = `Bearer ${state.token}`;
  const key = `${method} ${resource}`;
  const unique = `${run}-${Math.random().toString(36).slice(2, 8)}`;
  let wait = Promise.resolve();
  switch (key) {
    case 'POST /auth/login':
      setBody(transaction, (b) => Object.assign(b, { email, password }));
      break;
    case 'POST /auth/refresh':
      setBody(transaction, (b) => Object.assign(b, { refreshToken: state.forRefresh?.refreshToken }));
      break;
    case 'POST /auth/logout':
      transaction.request.headers.Authorization = `Bearer ${state.forLogout?.token}`;
      break;
    case 'POST /voip/call':
      if (!testNumber) transaction.skip = true;
      else {
        setBody(transaction, (b) => {
          b.targetNumber = testNumber;
          delete b.topicId;
          delete b.fileId;
        });
        wait = waitForNoLiveCall();
      }
      break;
    case 'DELETE /voip/history/{targetNumber}':
      if (!testNumber) transaction.skip = true;
      else {
        setPath(transaction, `/voip/history/${encodeURIComponent(testNumber)}`);
        wait = waitForNoLiveCall();
      }
      break;
    case 'GET /voip/calls/{callId}':
      setPath(transaction, `/voip/calls/${state.callId}`);
      break;
    case 'POST /voip/file':
      // Dredd cannot build a multipart body with binary content; upload_limits covers uploads.
      transaction.skip = true;
      break;
    case 'GET /voip/file/{fileId}':
    case 'DELETE /voip/file/{fileId}':
      setPath(transaction, `/voip/file/${state.fileId}`);
      break;
    case 'GET /voip/file/{fileId}/content':
      // One transaction per documented audio type; the uploaded file is a WAV.
      if (!transaction.origin.exampleName.endsWith('audio/wav')) transaction.skip = true;
      setPath(transaction, `/voip/file/${state.contentFileId}/content`);
      break;
    case 'POST /qa':
    case 'PUT /qa/{id}':
      setBody(transaction, (b) => {
        b.question = `${b.question || 'Question'} ${unique}`;
        b.topicId = null;
      });
      if (method === 'PUT') setPath(transaction, `/qa/${state.qaId}`);
      break;
    case 'GET /qa/{id}':
    case 'DELETE /qa/{id}':
      setPath(transaction, `/qa/${state.qaId}`);
      break;
    case 'POST /topics':
      setBody(transaction, (b) => {
        b.name = `${b.name || 'Topic'} ${unique}`;
      });
      break;
    case 'GET /topics/{id}':
    case 'DELETE /topics/{id}':
      setPath(transaction, `/topics/${state.topicId}`);
      break;
    case 'GET /statistics':
      // `days` and `months` exclude each other (a rule of the description, not of the schema).
      transaction.fullPath = transaction.fullPath.replace(/&months=\d+/, '');
      transaction.request.uri = transaction.request.uri.replace(/&months=\d+/, '');
      break;
    default:
      break;
  }
  wait.then(() => done());
});

// Dredd compares Content-Type as a whole string; `application/json; charset=utf-8` is the same type.
hooks.beforeEachValidation((transaction, done) => {
  const headers = transaction.real?.headers || {};
  for (const name of Object.keys(headers))
    if (name.toLowerCase() === 'content-type') headers[name] = String(headers[name]).split(';')[0].trim();
  done();
});

hooks.afterEach((transaction, done) => {
  const method = transaction.request.method;
  let id;
  try {
    id = JSON.parse(transaction.real?.body || '{}').id;
  } catch {
    id = undefined;
  }
  const resource = transaction.origin.resourceName;
  if (method === 'POST' && transaction.real?.statusCode === 201 && id && resource !== '/voip/call')
    state.created.push(`${resource}/${id}`);
  done();
});

hooks.afterAll((_transactions, done) => {
  (async () => {
    for (const path of state.created.reverse()) await api('DELETE', path);
    if (testNumber) {
      await waitForNoLiveCall();
      await api('DELETE', `/voip/history/${encodeURIComponent(testNumber)}`);
    }
  })().then(
    () => done(),
    () => done(),
  );
});

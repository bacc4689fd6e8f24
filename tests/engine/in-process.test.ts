import { afterAll, describe, expect, it } from 'vitest';
import { createInProcessMock } from '../../profiles/call-center/package.ts';
import { TEST_OPTIONS } from '../mock/support.ts';

// The same pipeline, no port: requests are injected into the app in this process.

describe('the mock answers in process, without opening a port', async () => {
  const mock = await createInProcessMock({ ...TEST_OPTIONS, calls: 20 });
  afterAll(() => mock.close());
  const login = await mock.fetch('/api/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'admin@example.com', password: 'admin123' }),
  });
  const { token } = (await login.json()) as { token: string };
  const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };

  it('logs in, creates, reads and deletes through the whole pipeline', async () => {
    expect(login.status).toBe(200);
    const created = await mock.fetch(`${mock.baseUrl}/topics`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ name: 'Jarayonda', description: null }),
    });
    expect(created.status).toBe(201);
    const topic = (await created.json()) as { id: string };
    expect(created.headers.get('location')).toBe(`/api/topics/${topic.id}`);
    expect(await (await mock.fetch(`/api/topics/${topic.id}`, { headers: auth })).json()).toEqual(topic);
    const removed = await mock.fetch(`/api/topics/${topic.id}`, { method: 'DELETE', headers: auth });
    expect(removed.status).toBe(204);
    expect((await mock.fetch(`/api/topics/${topic.id}`, { headers: auth })).status).toBe(404);
  });

  it('refuses as the server does: 401 without a token, 400 with every field, CORS for Vite', async () => {
    const anonymous = await mock.fetch('/api/qa');
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toMatch(/^Bearer/);
    const invalid = await mock.fetch('/api/qa', { method: 'POST', headers: auth, body: JSON.stringify({}) });
    expect(invalid.status).toBe(400);
    expect(((await invalid.json()) as { errors: unknown[] }).errors).toHaveLength(2);
    const preflight = await mock.fetch('/api/qa', {
      method: 'OPTIONS',
      headers: { origin: 'http://localhost:5173', 'access-control-request-method': 'POST' },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
  });
});

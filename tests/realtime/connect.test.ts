import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { TokenService } from '../../mock/auth/tokens.ts';
import { ASYNCAPI_PATH } from '../../mock/openapi/paths.ts';
import { defaultOptions } from '../../mock/options.ts';
import { CLOSE } from '../../mock/realtime/close-codes.ts';
import { demoLogin } from '../../scripts/support/demo-login.ts';
import { connect, REALTIME_TEST_OPTIONS, TestClient, useMock } from './support.ts';

const SECRET = 'a-test-secret-of-at-least-thirty-two-characters';
const t = await useMock({ jwtSecret: SECRET });
const open = await useMock({ auth: false });
const stopping = await useMock();
const { mock } = t;

/** A token of the demo user signed `ageSeconds` ago, by the mock's own rules and key. */
function tokenSignedAgo(ageSeconds: number): Promise<string> {
  const { ctx } = mock;
  const past = new TokenService(ctx.extensions.auth, ctx.users, SECRET, () => Date.now() - ageSeconds * 1000);
  return past.issue(ctx.users.get(ctx.credentials.userId) as never).then((pair) => pair.accessToken);
}

describe('connecting to /api/ws', () => {
  it('sends ready first, with the user and the heartbeat, to a token in the query', async () => {
    const client = await connect(t.socketUrl());
    expect(client.messages[0]).toMatchObject({
      type: 'ready',
      user: { email: 'admin@example.com', role: 'admin' },
      heartbeatSeconds: 30,
    });
    expect(Date.parse(client.messages[0]?.serverTime as string)).not.toBeNaN();
    client.socket.close();
  });

  it('accepts Authorization: Bearer from clients that can set headers', async () => {
    const client = await connect(t.socketUrl(null), { headers: { authorization: `Bearer ${t.token}` } });
    expect(client.messages[0]?.type).toBe('ready');
    client.socket.close();
  });

  const refusals: [string, () => Promise<{ url: string; headers?: Record<string, string> }>, string][] = [
    ['no token', async () => ({ url: t.socketUrl(null) }), 'token_missing'],
    ['an empty token', async () => ({ url: t.socketUrl('') }), 'token_missing'],
    ['a malformed token', async () => ({ url: t.socketUrl('not.a.jwt') }), 'token_invalid'],
    [
      'a token signed by another key',
      async () => ({ url: t.socketUrl(`${t.token.slice(0, -4)}AAAA`) }),
      'token_invalid',
    ],
    ['an expired token', async () => ({ url: t.socketUrl(await tokenSignedAgo(3600)) }), 'token_expired'],
    [
      'a header that is not Bearer',
      async () => ({ url: t.socketUrl(null), headers: { authorization: `Basic ${t.token}` } }),
      'token_invalid',
    ],
  ];
  it.each(refusals)('refuses %s at once: close 4401 %s', async (_name, given, code) => {
    const { url, headers } = await given();
    const client = new TestClient(url, { headers });
    expect(await client.closed).toEqual({ code: CLOSE.unauthorized, reason: code });
    expect(client.messages).toEqual([]);
  });

  it('refuses a token revoked by logout with 4401 token_revoked', async () => {
    const token = await demoLogin(mock.baseUrl);
    const out = await fetch(`${mock.baseUrl}/auth/logout`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(out.status).toBe(204);
    const client = new TestClient(t.socketUrl(token));
    expect(await client.closed).toEqual({ code: CLOSE.unauthorized, reason: 'token_revoked' });
  });

  it('closes the open sockets of a login that logs out with 4401 token_revoked, and only those', async () => {
    const [leaving, staying] = [await demoLogin(mock.baseUrl), await demoLogin(mock.baseUrl)];
    const first = await connect(t.socketUrl(leaving));
    const second = await connect(t.socketUrl(leaving));
    const other = await connect(t.socketUrl(staying));
    const out = await fetch(`${mock.baseUrl}/auth/logout`, {
      method: 'POST',
      headers: { authorization: `Bearer ${leaving}` },
    });
    expect(out.status).toBe(204);
    expect(await first.closed).toEqual({ code: CLOSE.unauthorized, reason: 'token_revoked' });
    expect(await second.closed).toEqual({ code: CLOSE.unauthorized, reason: 'token_revoked' });
    await other.barrier(); // a ping answered: the other login's socket is still open
    expect(other.messages.map((m) => m.type)).toEqual(['ready', 'pong']);
    other.socket.close();
  });

  it('closes an open socket with 4401 token_expired when its token runs out', async () => {
    // Signed (ttl - 2) s ago: valid now, expired within two seconds (JWT expiry has whole seconds).
    const ttl = mock.ctx.extensions.auth.accessToken.ttlSeconds;
    const client = await connect(t.socketUrl(await tokenSignedAgo(ttl - 2)));
    expect(await client.closed).toEqual({ code: CLOSE.unauthorized, reason: 'token_expired' });
  });

  it.each([['/api/websocket'], ['/api/ws/extra'], ['/ws'], ['/api/voip/calls']])(
    'answers an upgrade of %s with 404',
    async (path) => {
      const client = new TestClient(`${mock.origin.replace(/^http/, 'ws')}${path}?token=${t.token}`);
      await client.closed;
      expect(client.refusedWith).toBe(404);
    },
  );

  it('answers {"type":"ping"} with pong and the server time, and ignores what it does not know', async () => {
    const client = await connect(t.socketUrl());
    client.socket.send('not json');
    client.socket.send(JSON.stringify({ type: 'subscribe' }));
    client.socket.send(Buffer.from([1, 2, 3]));
    await client.barrier();
    expect(client.messages.map((m) => m.type)).toEqual(['ready', 'pong']);
    expect(Date.parse(client.messages[1]?.serverTime as string)).not.toBeNaN();
    client.socket.close();
  });
});

describe('when auth is off', () => {
  it('lets a socket in without a token', async () => {
    const client = await connect(open.socketUrl(null));
    expect(client.messages[0]?.type).toBe('ready');
    client.socket.close();
  });
});

describe('shutdown', () => {
  it('closes every socket with 1001, and the mock closes promptly', async () => {
    const clients = await Promise.all([1, 2, 3].map(() => connect(stopping.socketUrl())));
    await stopping.mock.close();
    for (const client of clients) expect((await client.closed).code).toBe(CLOSE.goingAway);
    expect(stopping.mock.realtime.stats()).toMatchObject({ clients: 0, sockets: 0, timers: 0 });
  });
});

describe('what the code takes from asyncapi.yaml', () => {
  it('lists every close code the channel uses, and the heartbeat it keeps', async () => {
    const document = parse(await readFile(ASYNCAPI_PATH, 'utf8')) as { info: { description: string } };
    for (const code of Object.values(CLOSE)) expect(document.info.description).toContain(`| ${code} |`);
    const every = /ping frame every (\d+) seconds/.exec(document.info.description)?.[1];
    expect(Number(every) * 1000).toBe(defaultOptions().wsHeartbeatMs);
    expect(REALTIME_TEST_OPTIONS.wsHeartbeatMs).toBeUndefined();
  });
});

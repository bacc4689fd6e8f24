import { describe, expect, it } from 'vitest';
import { loadAsyncApi } from '../../mock/openapi/load-asyncapi.ts';
import { SchemaValidator } from '../../mock/openapi/schema-validator.ts';
import { loadChannel } from '../../mock/realtime/load-channel.ts';
import { createOutgoingValidator } from '../../mock/realtime/validate-outgoing.ts';
import type { Call, CallStatus, Qa, Topic } from '../../profiles/call-center/models.ts';
import { connect, type Received, type TestClient, useMock } from './support.ts';

const t = await useMock();
// Ten times faster again, so that the ten-minute long_call ends in a third of a second.
const fast = await useMock({ callSpeed: 2000 });
// The AsyncAPI parser's own reading of asyncapi.yaml, independent of the mock's (load-channel.ts).
const asyncApi = await loadAsyncApi();
const validator = new SchemaValidator();

/** Every message validates against its message of asyncapi.yaml, as the official parser reads it. */
function expectValid(messages: Received[]): void {
  for (const message of messages) {
    const documented = asyncApi.messages.get(message.type);
    expect(documented, `${message.type} is a message of asyncapi.yaml`).toBeDefined();
    const result = validator.validate(documented?.payload as object, message);
    expect(result, `${message.type}: ${JSON.stringify(message).slice(0, 300)}`).toEqual({ ok: true });
  }
}

const placeCallOp = t.mock.ctx.operations.get('placeCall')?.operation as Record<string, unknown>;
const testNumbers = placeCallOp['x-test-numbers'] as Record<string, string>;
const schemas = t.mock.ctx.spec.document.components?.schemas as Record<string, Record<string, unknown>>;
const lifecycle = schemas.CallStatus?.['x-lifecycle'] as { live: CallStatus[]; final: CallStatus[] };
const numberFor = (result: string) =>
  Object.entries(testNumbers).find(([, r]) => r === result)?.[0] as string;

/** The messages about one call, as a page following it would filter them. */
const about = (client: TestClient, id: string) =>
  client.messages.filter((m) => (m.data as { id?: string } | undefined)?.id === id);

describe('a placed call, seen by a page and by the REST API', () => {
  it('rings, connects and ends in order, every message valid, and GET agrees at every step', async () => {
    const page = await connect(t.socketUrl());
    const topic = [...t.mock.ctx.store.collection<Topic>('topics').all()].find((tp) =>
      [...t.mock.ctx.store.collection<Qa>('qas').all()].some((qa) => qa.topicId === tp.id && qa.enabled),
    );
    // On every step the page sees, it asks the REST API what the call looks like now.
    const lookups: Promise<[Received, Call]>[] = [];
    page.socket.on('message', (data) => {
      const message = JSON.parse(String(data)) as Received;
      if (message.type !== 'call.status_changed') return;
      const id = (message.data as Call).id;
      lookups.push(t.api('GET', `/voip/calls/${id}`).then(({ body }) => [message, body as Call]));
    });
    const placed = await t.api('POST', '/voip/call', {
      targetNumber: numberFor('completed'),
      topicId: topic?.id,
    });
    expect(placed.status).toBe(201);
    const call = placed.body as Call;
    await page.until(() => about(page, call.id).some((m) => m.type === 'call.ended'));
    await page.barrier();

    expectValid(page.messages);
    const seen = about(page, call.id);
    expect(seen.map((m) => m.type)).toEqual([
      'call.created',
      'call.status_changed',
      'call.status_changed',
      'call.status_changed',
      'call.ended',
    ]);
    expect(seen[0]?.data).toEqual(call);
    expect(seen.map((m) => (m.data as Call).status)).toEqual([
      'queued',
      'ringing',
      'in_progress',
      'completed',
      'completed',
    ]);
    expect(seen.slice(1, 4).map((m) => m.previousStatus)).toEqual(['queued', 'ringing', 'in_progress']);
    const stats = page.messages.filter((m) => m.type === 'statistics.changed').map((m) => m.data);
    expect(stats).toEqual([
      { reason: 'call.created', since: call.createdAt },
      { reason: 'call.ended', since: call.createdAt },
    ]);

    // A GET made on an event shows that step, or (the clock runs 200x) a later one; never an earlier.
    const order: CallStatus[] = ['queued', 'ringing', 'in_progress', 'completed'];
    for (const [event, now] of await Promise.all(lookups)) {
      const shown = (event.data as Call).status;
      expect(order.indexOf(now.status)).toBeGreaterThanOrEqual(order.indexOf(shown));
      if (now.status === shown) expect(now).toEqual(event.data);
    }
    const ended = seen.at(-1)?.data as Call;
    expect((await t.api('GET', `/voip/calls/${call.id}`)).body).toEqual(ended);
    expect(ended.endedAt).not.toBeNull();
    expect(ended.outcome).not.toBeNull();
    expect(ended.summary).toBeTruthy();
    expect(ended.transcript.length).toBeGreaterThan(2);
    expect(t.mock.realtime.stats().breaches).toBe(0);
    page.socket.close();
  });

  it('ends each test number of x-test-numbers as it promises, pushed and stored alike', async () => {
    const page = await connect(fast.socketUrl());
    const wants: Record<string, CallStatus> = { long_call: 'completed' };
    const placed = await Promise.all(
      Object.keys(testNumbers).map(async (targetNumber) => {
        const { status, body } = await fast.api('POST', '/voip/call', { targetNumber });
        expect(status).toBe(201);
        return body as Call;
      }),
    );
    await page.until(() => placed.every((call) => about(page, call.id).some((m) => m.type === 'call.ended')));
    await page.barrier();
    expectValid(page.messages);
    for (const call of placed) {
      const result = testNumbers[call.targetNumber] as string;
      const ended = about(page, call.id).find((m) => m.type === 'call.ended')?.data as Call;
      expect(ended.status, call.targetNumber).toBe(wants[result] ?? result);
      expect(lifecycle.final).toContain(ended.status);
      expect((await fast.api('GET', `/voip/calls/${call.id}`)).body).toEqual(ended);
      const steps = about(page, call.id).filter((m) => m.type === 'call.status_changed');
      if (ended.status === 'completed') expect(ended.answeredAt).not.toBeNull();
      expect(steps.slice(0, -1).every((m) => lifecycle.live.includes((m.data as Call).status))).toBe(true);
    }
    page.socket.close();
  });
});

describe('validation of what the mock sends', () => {
  it('reads asyncapi.yaml as the AsyncAPI parser does: same messages, each example valid', async () => {
    const channel = await loadChannel(t.mock.ctx.spec.document);
    expect([...channel.messages.keys()].sort()).toEqual([...asyncApi.messages.keys()].sort());
    expect(t.mock.realtime.path).toBe(`${t.mock.ctx.basePath}${channel.address}`);
    const check = createOutgoingValidator(channel.messages, validator);
    for (const message of asyncApi.messages.values())
      for (const example of message.examples)
        expect(check(example as never), message.name).toEqual({ ok: true });
  });

  it('names every problem of a message that breaks the contract', async () => {
    const channel = await loadChannel(t.mock.ctx.spec.document);
    const check = createOutgoingValidator(channel.messages, validator);
    const table: [string, Record<string, unknown>, RegExp][] = [
      ['an unknown type', { type: 'call.exploded' }, /not a message of asyncapi.yaml/],
      ['a ready without user', { type: 'ready', heartbeatSeconds: 30, serverTime: 'now' }, /\/user/],
      [
        'a qa.deleted with a bad id',
        { type: 'qa.deleted', id: 'x', occurredAt: 'y', data: {} },
        /\/data\/id/,
      ],
    ];
    for (const [name, message, problem] of table) {
      const result = check(message as never);
      expect(result.ok, name).toBe(false);
      if (!result.ok) expect(result.problems.join('\n'), name).toMatch(problem);
    }
  });

  it('does not send an event that breaks asyncapi.yaml, and counts it', async () => {
    const page = await connect(t.socketUrl());
    const before = t.mock.realtime.stats().breaches;
    t.mock.ctx.events.publish('qa.created', { id: 'not-a-qa' });
    await page.barrier();
    expect(page.takeEvents()).toEqual([]);
    expect(t.mock.realtime.stats().breaches).toBe(before + 1);
    page.socket.close();
  });
});

import { describe, expect, it } from 'vitest';
import type { AudioFile, Call, Qa, Topic } from '../../profiles/call-center/models.ts';
import { makeWav } from '../../profiles/call-center/seed/wav.ts';
import { connect, type Received, useMock } from './support.ts';

const t = await useMock();
const page = await connect(t.socketUrl());

/** What each operation of openapi.yaml says it emits. */
const xEmits = new Map(
  [...t.mock.ctx.operations.values()]
    .map((op) => [op.operationId, (op.operation as Record<string, unknown>)['x-emits']] as const)
    .filter((entry): entry is readonly [string, string[]] => Array.isArray(entry[1])),
);

interface Step {
  operationId: string;
  /** Runs the operation; answers its status and body. */
  run(): Promise<{ status: number; body: unknown }>;
  /** For operations whose events come later (a call), when they all have arrived. */
  done?(events: Received[]): boolean;
  /** Keeps what later steps need (ids). */
  keep?(body: unknown): void;
  /** Each event's `data` is what the REST API answered for the same object. */
  data(body: unknown): Record<string, unknown>;
}

// State handed from step to step, as a frontend would go through the API.
let topic: Topic;
let qa: Qa;
let file: AudioFile;
let call: Call;

const steps: Step[] = [
  {
    operationId: 'createTopic',
    run: () => t.api('POST', '/topics', { name: 'Real-time sinovi', description: null }),
    keep: (body) => {
      topic = body as Topic;
    },
    data: (body) => ({ 'topic.created': body }),
  },
  {
    operationId: 'createQa',
    run: () =>
      t.api('POST', '/qa', {
        question: 'Ish vaqti qanday?',
        answer: 'Har kuni 9 dan 18 gacha.',
        topicId: topic.id,
      }),
    keep: (body) => {
      qa = body as Qa;
    },
    data: (body) => ({ 'qa.created': body }),
  },
  {
    operationId: 'updateQa',
    run: () =>
      t.api('PUT', `/qa/${qa.id}`, {
        question: qa.question,
        answer: 'Dushanbadan jumagacha, 9 dan 18 gacha.',
        topicId: topic.id,
      }),
    data: (body) => ({ 'qa.updated': body }),
  },
  {
    operationId: 'uploadFile',
    async run() {
      const form = new FormData();
      const wav = makeWav({ seconds: 0.2, notes: [440, 660] });
      form.append('file', new Blob([new Uint8Array(wav)], { type: 'audio/wav' }), 'salom.wav');
      const res = await fetch(`${t.mock.baseUrl}/voip/file`, {
        method: 'POST',
        headers: { authorization: `Bearer ${t.token}` },
        body: form,
      });
      return { status: res.status, body: await res.json() };
    },
    keep: (body) => {
      file = body as AudioFile;
    },
    data: (body) => ({ 'file.uploaded': body }),
  },
  {
    operationId: 'placeCall',
    run: () =>
      t.api('POST', '/voip/call', { targetNumber: '+998900000001', topicId: topic.id, fileId: file.id }),
    done: (events) => events.some((e) => e.type === 'call.ended'),
    keep: (body) => {
      call = body as Call;
    },
    data: (body) => ({
      'call.created': body,
      'statistics.changed': { reason: 'call.created', since: (body as Call).createdAt },
    }),
  },
  {
    operationId: 'deleteCallHistory',
    run: () => t.api('DELETE', `/voip/history/${encodeURIComponent(call.targetNumber)}`),
    data: (body) => ({ 'history.deleted': body }),
  },
  {
    operationId: 'deleteFile',
    run: () => t.api('DELETE', `/voip/file/${file.id}`),
    data: () => ({ 'file.deleted': { id: file.id } }),
  },
  {
    operationId: 'deleteQa',
    run: () => t.api('DELETE', `/qa/${qa.id}`),
    data: () => ({ 'qa.deleted': { id: qa.id } }),
  },
  {
    operationId: 'deleteTopic',
    run: () => t.api('DELETE', `/topics/${topic.id}`),
    data: () => ({ 'topic.deleted': { id: topic.id } }),
  },
];

describe('every change is an event', () => {
  it('has a step for each operation with x-emits', () => {
    expect(steps.map((s) => s.operationId).sort()).toEqual([...xEmits.keys()].sort());
  });

  it.each(steps.map((step) => [step.operationId, step] as const))(
    '%s pushes exactly the events of its x-emits, with the data the REST API answered',
    async (operationId, step) => {
      page.takeEvents();
      const { status, body } = await step.run();
      expect(status, JSON.stringify(body)).toBeLessThan(300);
      step.keep?.(body);
      if (step.done) await page.until(() => step.done?.(page.messages) ?? true);
      await page.barrier();
      const events = page.takeEvents();
      expect([...new Set(events.map((e) => e.type))].sort()).toEqual(
        [...(xEmits.get(operationId) ?? [])].sort(),
      );
      for (const [type, data] of Object.entries(step.data(body)))
        expect(events.find((e) => e.type === type)?.data, type).toEqual(data);
    },
  );

  it('pushes nothing for reads', async () => {
    page.takeEvents();
    for (const path of ['/voip/calls', '/statistics?days=7', '/qa', '/topics', '/voip/file', '/auth/me'])
      expect((await t.api('GET', path)).status).toBe(200);
    await page.barrier();
    expect(page.takeEvents()).toEqual([]);
  });
});

import type { Call, CallStatus, PlaceCallRequest } from '../../spec/models.ts';
import { HttpProblem, notFound, validationProblem } from '../http/problem.ts';
import { CALL_CENTER_LINES } from '../seed/seed.ts';
import { isoSeconds } from '../time.ts';
import { paginate } from './paginate.ts';
import type { Handler } from './reply.ts';

const LIVE: ReadonlySet<CallStatus> = new Set(['queued', 'ringing', 'in_progress']);

export function isLive(call: Call): boolean {
  return LIVE.has(call.status);
}

export const placeCall: Handler = async ({ input, ctx }) => {
  const body = input.body as PlaceCallRequest;
  const { store } = ctx;
  const missing = [];
  if (body.topicId && !store.topics.get(body.topicId))
    missing.push({
      in: 'body' as const,
      field: '/topicId',
      code: 'not_found',
      message: 'no topic has this id',
    });
  if (body.fileId && !store.files.get(body.fileId))
    missing.push({
      in: 'body' as const,
      field: '/fileId',
      code: 'not_found',
      message: 'no file has this id',
    });
  if (missing.length > 0) throw validationProblem(missing);
  const live = [...store.calls.all()].find((c) => c.targetNumber === body.targetNumber && isLive(c));
  if (live)
    throw new HttpProblem(
      'call_in_progress',
      `Call ${live.id} to ${live.targetNumber} is still ${live.status.replace('_', ' ')}.`,
    );
  const at = isoSeconds(ctx.now());
  const call: Call = {
    id: ctx.faker.string.uuid(),
    direction: 'outbound',
    fromNumber: CALL_CENTER_LINES[0] ?? '+998712000000',
    targetNumber: body.targetNumber,
    contactName: body.contactName ?? null,
    status: 'queued',
    outcome: null,
    language: body.language ?? 'uz',
    topicId: body.topicId ?? null,
    fileId: body.fileId ?? null,
    createdAt: at,
    updatedAt: at,
    answeredAt: null,
    endedAt: null,
    durationSeconds: 0,
    summary: null,
    transcript: [],
    sentiment: null,
    failureReason: null,
  };
  store.calls.insert(call);
  await ctx.persistence?.flush();
  ctx.events.publish('call.created', call);
  ctx.events.publish('statistics.changed', { reason: 'call.created', since: call.createdAt });
  ctx.simulator.start(call);
  return { status: 201, body: call, headers: { Location: `${ctx.basePath}/voip/calls/${call.id}` } };
};

type SortKey = 'createdAt' | 'durationSeconds' | 'targetNumber';

export const listCalls: Handler = ({ input, ctx }) => {
  const q = input.query as {
    status?: CallStatus[];
    targetNumber?: string;
    direction?: Call['direction'];
    topicId?: string;
    from?: string;
    to?: string;
    sort?: string;
  };
  const fromMs = q.from ? Date.parse(q.from) : undefined;
  const toMs = q.to ? Date.parse(q.to) : undefined;
  if (fromMs !== undefined && toMs !== undefined && toMs <= fromMs) {
    throw validationProblem([
      { in: 'query', field: 'to', code: 'range', message: 'must be later than from' },
    ]);
  }
  const statuses = q.status ? new Set(q.status) : undefined;
  const matches = [...ctx.store.calls.all()].filter((c) => {
    if (statuses && !statuses.has(c.status)) return false;
    if (q.targetNumber && c.targetNumber !== q.targetNumber) return false;
    if (q.direction && c.direction !== q.direction) return false;
    if (q.topicId && c.topicId !== q.topicId) return false;
    const created = Date.parse(c.createdAt);
    if (fromMs !== undefined && created < fromMs) return false;
    if (toMs !== undefined && created >= toMs) return false;
    return true;
  });
  const sort = q.sort ?? '-createdAt';
  const descending = sort.startsWith('-');
  const key = (descending ? sort.slice(1) : sort) as SortKey;
  matches.sort((a, b) => {
    const x = a[key];
    const y = b[key];
    if (x !== y) return (x < y ? -1 : 1) * (descending ? -1 : 1);
    return a.id < b.id ? -1 : 1; // ties by id, so pages never shuffle between requests
  });
  return { status: 200, body: paginate(matches, input.query) };
};

export const getCall: Handler = ({ input, ctx }) => {
  const id = input.path.callId as string;
  const call = ctx.store.calls.get(id);
  if (!call) throw notFound('call', id);
  return { status: 200, body: call };
};

export const deleteCallHistory: Handler = async ({ input, ctx }) => {
  const targetNumber = input.path.targetNumber as string;
  const calls = [...ctx.store.calls.all()].filter((c) => c.targetNumber === targetNumber);
  const live = calls.find(isLive);
  if (live)
    throw new HttpProblem(
      'call_in_progress',
      `Call ${live.id} to ${targetNumber} is still ${live.status.replace('_', ' ')}; delete its history once it ends.`,
    );
  for (const call of calls) ctx.store.calls.remove(call.id);
  await ctx.persistence?.flush();
  const body = { targetNumber, deletedCount: calls.length };
  ctx.events.publish('history.deleted', body);
  const since = calls.reduce((min, c) => (c.createdAt < min ? c.createdAt : min), isoSeconds(ctx.now()));
  ctx.events.publish('statistics.changed', { reason: 'history.deleted', since });
  return { status: 200, body };
};

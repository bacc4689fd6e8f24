import { notFound } from '../../../mock/http/problem.ts';
import { isoSeconds } from '../../../mock/time.ts';
import { newCall } from '../calls/new-call.ts';
import type { Call, CallStatus, PlaceCallRequest } from '../models.ts';
import { domainProblem } from '../problems.ts';
import { CALL_CENTER_LINES } from '../seed/seed.ts';
import type { CallCenterHandler } from '../state.ts';
import type { CallFilter, CallSort } from '../store/call-queries.ts';

export const LIVE_STATUSES: ReadonlySet<CallStatus> = new Set(['queued', 'ringing', 'in_progress']);

export function isLive(call: Call): boolean {
  return LIVE_STATUSES.has(call.status);
}

export const placeCall: CallCenterHandler = async ({ input, ctx }, cc) => {
  const body = input.body as PlaceCallRequest;
  // Unknown topicId and fileId were refused before this runs: the contract's x-constraints.
  const store = cc.data;
  const live = store.callIndex.callsTo(body.targetNumber).find(isLive);
  if (live)
    throw domainProblem(
      'call_in_progress',
      `Call ${live.id} to ${live.targetNumber} is still ${live.status.replace('_', ' ')}.`,
    );
  const call = newCall({
    id: ctx.faker.string.uuid(),
    direction: 'outbound',
    fromNumber: CALL_CENTER_LINES[0] ?? '+998712000000',
    targetNumber: body.targetNumber,
    contactName: body.contactName ?? null,
    status: 'queued',
    language: body.language ?? 'uz',
    topicId: body.topicId ?? null,
    fileId: body.fileId ?? null,
    createdAt: isoSeconds(ctx.now()),
  });
  store.calls.insert(call);
  await ctx.persistence?.flush();
  ctx.events.publish('call.created', call);
  ctx.events.publish('statistics.changed', { reason: 'call.created', since: call.createdAt });
  cc.simulator.start(call);
  return { status: 201, body: call, headers: { Location: `${ctx.basePath}/voip/calls/${call.id}` } };
};

export const listCalls: CallCenterHandler = ({ input }, cc) => {
  const q = input.query as {
    status?: CallStatus[];
    targetNumber?: string;
    direction?: Call['direction'];
    topicId?: string;
    from?: string;
    to?: string;
    sort?: CallSort;
    page?: number;
    pageSize?: number;
  };
  // Bounds compare as instants: normalise them to the stored timestamps' form before indexing.
  const from = q.from ? isoSeconds(Math.ceil(Date.parse(q.from) / 1000) * 1000) : undefined;
  // `to` later than `from` is the contract's x-constraints, checked before this runs.
  const to = q.to ? isoSeconds(Math.ceil(Date.parse(q.to) / 1000) * 1000) : undefined;
  const page = q.page ?? 1;
  const pageSize = q.pageSize ?? 20;
  const filter: CallFilter = {
    ...(q.status ? { statuses: q.status } : {}),
    ...(q.targetNumber ? { targetNumber: q.targetNumber } : {}),
    ...(q.direction ? { direction: q.direction } : {}),
    ...(q.topicId ? { topicId: q.topicId } : {}),
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
  };
  const { items, total } = cc.data.callIndex.query(
    filter,
    q.sort ?? '-createdAt',
    (page - 1) * pageSize,
    pageSize,
  );
  return { status: 200, body: { items, total, page, pageSize, totalPages: Math.ceil(total / pageSize) } };
};

export const getCall: CallCenterHandler = ({ input }, cc) => {
  const id = input.path.callId as string;
  const call = cc.data.calls.get(id);
  if (!call) throw notFound('call', id);
  return { status: 200, body: call };
};

export const deleteCallHistory: CallCenterHandler = async ({ input, ctx }, cc) => {
  const targetNumber = input.path.targetNumber as string;
  const calls = [...cc.data.callIndex.callsTo(targetNumber)];
  const live = calls.find(isLive);
  if (live)
    throw domainProblem(
      'call_in_progress',
      `Call ${live.id} to ${targetNumber} is still ${live.status.replace('_', ' ')}; delete its history once it ends.`,
    );
  for (const call of calls) cc.data.calls.remove(call.id);
  await ctx.persistence?.flush();
  const body = { targetNumber, deletedCount: calls.length };
  ctx.events.publish('history.deleted', body);
  // ISO timestamps of one format order as text: the earliest is the smallest string.
  let since = isoSeconds(ctx.now());
  for (const call of calls) if (call.createdAt < since) since = call.createdAt;
  ctx.events.publish('statistics.changed', { reason: 'history.deleted', since });
  return { status: 200, body };
};

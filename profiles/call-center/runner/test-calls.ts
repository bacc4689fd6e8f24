import type { EventSocket, ReceivedEvent } from '../../../contracts/execute/event-socket.ts';
import type { HttpClient } from '../../../contracts/execute/http-client.ts';
import { pollDelay, pollIntervals, sleep, UnreadableAnswer } from '../../../contracts/execute/poll.ts';
import type { ResourceTracker } from '../../../contracts/execute/resources.ts';
import { audioUpload } from '../../../contracts/execute/valid-input.ts';
import type { Contract } from '../../../contracts/plan/load-contract.ts';
import { operation } from '../../../contracts/plan/load-contract.ts';
import type { Exchange } from '../../../contracts/types.ts';
import type { Call } from '../models.ts';

/** The call lifecycle of `CallStatus.x-lifecycle`. */
export interface Lifecycle {
  initial: string;
  live: string[];
  final: string[];
  transitions: Record<string, string[]>;
}

export function lifecycle(contract: Contract): Lifecycle {
  const schemas = contract.spec.document.components?.schemas ?? {};
  const status = schemas.CallStatus as Record<string, unknown> | undefined;
  const value = status?.['x-lifecycle'] as Lifecycle | undefined;
  if (!value) throw new Error('openapi.yaml: components.schemas.CallStatus.x-lifecycle is missing');
  return value;
}

/**
 * The id of the last call this run placed to the test number (a 2xx of placeCall, whoever sent
 * it): a check that needs a call which has ended waits for that one instead of placing its own.
 */
export function lastPlacedCall(exchanges: Exchange[], testNumber: string): string | undefined {
  for (let i = exchanges.length - 1; i >= 0; i--) {
    const e = exchanges[i] as Exchange;
    if ((e.response?.status ?? 500) >= 300) continue;
    // The number's history deleted after the call: the call is gone with it (conflict's delete
    // succeeds when the call it raced has ended), and waiting for it would read a 404.
    if (e.operationId === 'deleteCallHistory' && historyNumberOf(e) === testNumber) return undefined;
    const body = e.response?.json as Partial<Call> | undefined;
    if (e.operationId !== 'placeCall') continue;
    if (typeof body?.id === 'string' && body.targetNumber === testNumber) return body.id;
  }
  return undefined;
}

/** The number whose history a deleteCallHistory request names: its path's last segment. */
function historyNumberOf(e: Exchange): string {
  return decodeURIComponent(new URL(e.request.url).pathname.split('/').pop() ?? '');
}

/**
 * Places a call to the test number once no call to it is live (the contract answers 409 while
 * one is), so that checks placing calls one after another do not trip over each other.
 */
export async function placeTestCall(
  contract: Contract,
  http: HttpClient,
  testNumber: string,
  extra: Record<string, unknown> = {},
  patienceMs = 60_000,
): Promise<Exchange> {
  await waitForNoLiveCall(contract, http, testNumber, patienceMs);
  return http.call(operation(contract, 'placeCall'), {
    json: { targetNumber: testNumber, ...extra },
    purpose: 'positive',
    description: `a call to the test number ${testNumber}`,
  });
}

export async function waitForNoLiveCall(
  contract: Contract,
  http: HttpClient,
  testNumber: string,
  patienceMs: number,
): Promise<boolean> {
  const { live } = lifecycle(contract);
  const started = Date.now();
  const deadline = started + patienceMs;
  const intervals = pollIntervals();
  while (Date.now() < deadline) {
    const list = await http.call(operation(contract, 'listCalls'), {
      query: { targetNumber: testNumber, status: live.join(','), pageSize: 1 },
    });
    const page = list.response?.json as { total?: unknown; items?: unknown } | undefined;
    const expected = `200 with a numeric total and only live calls to ${testNumber}`;
    if (
      list.error ||
      list.response?.status !== 200 ||
      typeof page?.total !== 'number' ||
      !Array.isArray(page.items)
    )
      throw new UnreadableAnswer(
        `Waiting for the live call to ${testNumber} to end, the call list answered what the runner cannot count: ${describe(list)}.`,
        list,
        expected,
      );
    const stranger = (page.items as Partial<Call>[]).find(
      (c) => c.targetNumber !== testNumber || !live.includes(String(c.status)),
    );
    if (stranger)
      throw new UnreadableAnswer(
        `Waiting for the live call to ${testNumber} to end, the call list filtered by targetNumber and status answered a ${stranger.status} call to ${stranger.targetNumber}: the filter is ignored.`,
        list,
        expected,
      );
    if (page.total > 0 && page.items.length === 0)
      throw new UnreadableAnswer(
        `Waiting for the live call to ${testNumber} to end, the call list says total ${page.total} but answers an empty page.`,
        list,
        expected,
      );
    if (page.total === 0) return true;
    http.waiting(`a live call to ${testNumber} to end`, started, patienceMs);
    await sleep(pollDelay(list, intervals.next().value, deadline - Date.now()));
  }
  return false;
}

/**
 * Polls a call until it reaches a final status; answers it, or undefined after the patience. With
 * a socket that hears the call's events (the run's recorder), a poll is also sent as soon as its
 * call.ended arrives: the end is read at once instead of up to a poll interval (1 s) later, and
 * still read over HTTP, as a client reads it.
 */
export async function waitUntilEnded(
  contract: Contract,
  http: HttpClient,
  callId: string,
  patienceMs = 60_000,
  heard?: EventSocket,
): Promise<Call | undefined> {
  const { final, live } = lifecycle(contract);
  const started = Date.now();
  const deadline = started + patienceMs;
  const intervals = pollIntervals();
  while (Date.now() < deadline) {
    const read = await http.call(operation(contract, 'getCall'), { pathParams: { callId } });
    const call = read.response?.json as Call | undefined;
    if (call && final.includes(call.status)) return call;
    if (read.error || read.response?.status !== 200 || !call || !live.includes(call.status))
      throw new UnreadableAnswer(
        `Waiting for call ${callId} to end, reading it answered what the runner cannot follow: ${describe(read)}.`,
        read,
        `200 with a status of CallStatus.x-lifecycle (${[...live, ...final].join(', ')})`,
      );
    http.waiting(`call ${callId.slice(0, 8)}… ${call.status}`, started, patienceMs);
    const delay = pollDelay(read, intervals.next().value, deadline - Date.now());
    if (heard) await heard.waitFor((events) => events.some((e) => endOf(e, callId)), delay);
    else await sleep(delay);
  }
  return undefined;
}

/** Whether an event is the call.ended of that call. */
function endOf(event: ReceivedEvent, callId: string): boolean {
  return (
    event.payload.type === 'call.ended' && (event.payload.data as { id?: unknown } | undefined)?.id === callId
  );
}

function describe(exchange: Exchange): string {
  if (exchange.error) return exchange.error;
  return `${exchange.response?.status} ${exchange.response?.text.slice(0, 160) ?? ''}`.trim();
}

/**
 * Uploads a file for the run's first call to play, so that the one call serves conflict's three
 * 409s (a second call, the history, the playing file) while it is live, instead of conflict
 * waiting for it to end and placing a call of its own. Answers the create's extra fields, or
 * undefined when uploads and file deletion are not in the run.
 */
export async function fileToPlay(
  contract: Contract,
  http: HttpClient,
  resources: ResourceTracker,
  selected: (id: string) => boolean,
): Promise<{ fileId: string } | undefined> {
  if (!['uploadFile', 'deleteFile'].every((id) => contract.byId.has(id) && selected(id))) return undefined;
  const upload = operation(contract, 'uploadFile');
  const stored = await http.call(upload, { form: audioUpload(contract, upload, 'played-by-the-run.wav') });
  const fileId = (stored.response?.json as { id?: unknown } | undefined)?.id;
  if (typeof fileId !== 'string') return undefined;
  resources.add(`file ${fileId}`, operation(contract, 'deleteFile'), { fileId });
  return { fileId };
}

/** The run's last call to the test number while it is still live, with the file it plays, if any. */
export async function liveCallOfRun(
  contract: Contract,
  http: HttpClient,
  exchanges: Exchange[],
  testNumber: string,
): Promise<{ id: string; fileId: string | undefined } | undefined> {
  const id = lastPlacedCall(exchanges, testNumber);
  if (!id) return undefined;
  const read = await http.call(operation(contract, 'getCall'), { pathParams: { callId: id } });
  const call = read.response?.json as Partial<Call> | undefined;
  if (read.response?.status !== 200 || !lifecycle(contract).live.includes(String(call?.status)))
    return undefined;
  return { id, fileId: typeof call?.fileId === 'string' ? call.fileId : undefined };
}

/**
 * The run's call to the test number when that number's history was not deleted since: what a run
 * that must leave at once (a second Ctrl-C) leaves behind beyond the resources it tracks.
 */
export function callLeftBehind(journal: Exchange[], testNumber: string | undefined): string[] {
  const call = testNumber ? lastPlacedCall(journal, testNumber) : undefined;
  const ok = (e: Exchange, id: string) => e.operationId === id && (e.response?.status ?? 500) < 300;
  const placedAt = journal.findLastIndex((e) => ok(e, 'placeCall'));
  const cleared = journal.slice(placedAt + 1).some((e) => ok(e, 'deleteCallHistory'));
  return call && !cleared
    ? [`call ${call} to ${testNumber} (it may still be live) and that number's call history`]
    : [];
}

import type { Call } from '../../spec/models.ts';
import type { Contract } from '../plan/load-contract.ts';
import { operation } from '../plan/load-contract.ts';
import type { Exchange } from '../types.ts';
import type { HttpClient } from './http-client.ts';

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

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

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
  const deadline = Date.now() + patienceMs;
  while (Date.now() < deadline) {
    const list = await http.call(operation(contract, 'listCalls'), {
      query: { targetNumber: testNumber, status: live.join(','), pageSize: 1 },
    });
    if ((list.response?.json as { total?: number } | undefined)?.total === 0) return true;
    await sleep(200);
  }
  return false;
}

/** Polls a call until it reaches a final status; answers it, or undefined after the patience. */
export async function waitUntilEnded(
  contract: Contract,
  http: HttpClient,
  callId: string,
  patienceMs = 60_000,
): Promise<Call | undefined> {
  const { final } = lifecycle(contract);
  const deadline = Date.now() + patienceMs;
  while (Date.now() < deadline) {
    const read = await http.call(operation(contract, 'getCall'), { pathParams: { callId } });
    const call = read.response?.json as Call | undefined;
    if (call && final.includes(call.status)) return call;
    await sleep(200);
  }
  return undefined;
}

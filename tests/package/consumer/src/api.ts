// A frontend's client of the contract, as the package's users write it: no copied files, no
// special compiler options.
import { type ApiClient, createApiClient } from 'ai-call-center-contract';
import type { components, paths } from 'ai-call-center-contract/types';

export type Call = components['schemas']['Call'];
export type Health = paths['/health']['get']['responses'][200]['content']['application/json'];

export function apiAt(baseUrl: string): ApiClient {
  return createApiClient({ baseUrl });
}

export async function placeCall(api: ApiClient, targetNumber: string): Promise<Call | undefined> {
  const { data } = await api.POST('/voip/call', { body: { targetNumber } });
  return data;
}

export function forgetTheNumber(api: ApiClient) {
  // @ts-expect-error: the contract requires targetNumber, and the types say so.
  return api.POST('/voip/call', { body: {} });
}

import type { OpenApiDocument } from '../openapi/load-spec.ts';
import { ASYNCAPI_PATH } from '../openapi/paths.ts';
import { readYaml } from '../openapi/read-yaml.ts';
import { type ChannelContract, channelOf } from './channel-of.ts';

export type { ChannelContract } from './channel-of.ts';

/**
 * Reads asyncapi.yaml and resolves its `$ref`s into the already dereferenced openapi.yaml, so the
 * mock starts in milliseconds. The AsyncAPI parser (mock/openapi/load-asyncapi.ts) takes seconds; the tests
 * use it to check the messages independently, and that both readings agree.
 */
export async function loadChannel(
  openapi: OpenApiDocument,
  path: string = ASYNCAPI_PATH,
): Promise<ChannelContract> {
  return channelOf((await readYaml(path)) as Record<string, unknown>, openapi);
}

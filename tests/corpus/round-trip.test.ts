import { describe, expect, it } from 'vitest';
import type { Resource } from '../../mock/engine/describe-resources.ts';
import type { SpecOperation } from '../../mock/openapi/operations.ts';
import { type Made, removeAll, type Send } from './round-trip.ts';
import type { RequestTarget } from './typical-request.ts';

// What the harness leaves behind: each record it made is deleted where the description has a
// delete, and a delete that is not accepted is a line of the "left behind" column.

const remove: SpecOperation = {
  operationId: 'deleteThing',
  method: 'delete',
  path: '/things/{thingId}',
  tags: [],
  operation: { responses: { '204': { description: 'Gone.' } } },
  parameters: [{ name: 'thingId', in: 'path', required: true, schema: { type: 'string' } }],
  security: [],
  emits: [],
} as unknown as SpecOperation;
const things = {
  name: 'things',
  idParam: 'thingId',
  idField: 'id',
  operations: { remove },
} as unknown as Resource;
const kept = { ...things, name: 'kept', operations: {} } as Resource;
const target: RequestTarget = {
  baseUrl: 'http://127.0.0.1:9',
  document: { openapi: '3.0.3', info: { title: 't', version: '1' }, paths: {} },
  idFor: () => undefined,
};

/** A server that answers every delete with `status`, and the URLs it was sent. */
function answering(status: number): { send: Send; urls: string[] } {
  const urls: string[] = [];
  const send: Send = async (plan) => {
    urls.push(`${plan.method} ${plan.url}`);
    return { res: new Response(null, { status }), text: '' };
  };
  return { send, urls };
}

const made: Made[] = [
  { resource: things, id: '7', pathValues: {} },
  { resource: kept, id: '8', pathValues: {} },
];

const CASES: [name: string, status: number, want: string[]][] = [
  ['a delete accepted (204) leaves nothing', 204, []],
  ["a documented redirect (Jira's 303 to a task) is a removal accepted", 303, []],
  ['a refused delete is left behind', 404, ['things 7: delete answered 404']],
  ['a server error is left behind', 500, ['things 7: delete answered 500']],
];

describe('removeAll', () => {
  it.each(CASES)('%s', async (_, status, want) => {
    const { send, urls } = answering(status);
    expect(await removeAll(target, made, send)).toEqual(want);
    // Only the collection with a delete is asked; the other has none to ask.
    expect(urls).toEqual(['DELETE http://127.0.0.1:9/things/7']);
  });
});

import { beforeAll, describe, expect, it } from 'vitest';
import { buildPlan } from './build-plan.ts';
import { deriveFlows, itemParams, matchLocation } from './derive-flows.ts';
import { type Contract, loadContract, operation } from './load-contract.ts';
import { documentedResponse, specPointer } from './spec-pointer.ts';

let contract: Contract;
beforeAll(async () => {
  contract = await loadContract();
});

describe('buildPlan', () => {
  it.each([
    ['a tag', { only: ['topics'] }, ['listTopics', 'createTopic', 'getTopic', 'deleteTopic'], 17],
    ['an operation and a check', { only: ['getHealth', 'cors'] }, ['getHealth'], 1],
    ['a skipped tag', { skip: ['calls', 'files', 'qa', 'topics', 'statistics', 'auth'] }, ['getHealth'], 17],
  ])('selects by %s', (_, selection, operations, checks) => {
    const result = buildPlan(contract, { only: [], skip: [], readOnly: false, ...selection });
    if (!result.ok) throw new Error(result.problems.join(' '));
    expect([...result.plan.operations].sort()).toEqual([...operations].sort());
    expect(result.plan.checks).toHaveLength(checks);
  });

  it('keeps only safe operations and non-mutating checks in --read-only, saying what it left out', () => {
    const result = buildPlan(contract, { only: [], skip: [], readOnly: true });
    if (!result.ok) throw new Error('plan failed');
    for (const id of result.plan.operations) expect(operation(contract, id).method).toBe('get');
    expect(result.plan.checks.map((c) => c.name)).not.toContain('token_lifecycle');
    expect(result.plan.notes.join(' ')).toMatch(/--read-only: .*upload_limits/);
  });

  it('refuses an unknown name, listing the known ones', () => {
    const result = buildPlan(contract, { only: ['cros'], skip: [], readOnly: false });
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.problems.join(' ')).toMatch(/Unknown name in --only\/--skip: cros\..*Checks: .*cors/);
  });
});

describe('deriveFlows', () => {
  it('finds every resource life in the spec, with its item operations', () => {
    const flows = Object.fromEntries(
      deriveFlows(contract).map((f) => [
        f.create.operationId,
        [f.read?.operationId, f.update?.operationId, f.remove?.operationId, f.list?.operationId, f.realWorld],
      ]),
    );
    expect(flows).toEqual({
      placeCall: [undefined, undefined, undefined, undefined, true],
      uploadFile: ['getFile', undefined, 'deleteFile', 'listFiles', false],
      createQa: ['getQa', 'updateQa', 'deleteQa', 'listQas', false],
      createTopic: ['getTopic', undefined, 'deleteTopic', 'listTopics', false],
    });
  });

  it('finds the lives real descriptions write outside a /x + /x/{id} pair', async () => {
    const writes = await loadContract({ openapi: 'tests/contracts/specs/writes.yaml' });
    const flows = Object.fromEntries(
      deriveFlows(writes).map((f) => [
        f.create.operationId,
        [f.read?.operationId, f.remove?.operationId, f.idField, f.byPut],
      ]),
    );
    expect(flows).toEqual({
      // The read names the id {idOrUrl}, the delete {id}: each gets its own (itemParams).
      createDeployment: ['getDeployment', 'deleteDeployment', 'id', false],
      // The id answered as silenceID, the item at the singular /silence/{silenceID}.
      postSilences: ['getSilence', 'deleteSilence', 'silenceID', false],
      // A PUT that documents 201 creates at a name the client gives.
      putNote: ['getNote', 'deleteNote', 'name', true],
    });
    const remove = operation(writes, 'deleteDeployment');
    expect(itemParams(remove, {}, 'd1')).toEqual({ id: 'd1' });
    expect(itemParams(operation(writes, 'getDeployment'), {}, 'd1')).toEqual({ idOrUrl: 'd1' });
  });

  it.each([
    [
      '/api/voip/calls/0c6f8a2e-1b3d-4e5f-8a9b-7c6d5e4f3a2b',
      'getCall',
      { callId: '0c6f8a2e-1b3d-4e5f-8a9b-7c6d5e4f3a2b' },
    ],
    ['http://127.0.0.1:9/api/voip/file/9a1b/content', 'downloadFile', { fileId: '9a1b' }],
    ['/api/topics/5b8f', 'getTopic', { id: '5b8f' }],
  ])('follows the Location %s', (location, operationId, pathParams) => {
    const target = matchLocation(contract, 'http://127.0.0.1:9/api', location);
    expect(target?.op.operationId).toBe(operationId);
    expect(target?.pathParams).toEqual(pathParams);
  });

  it('answers nothing for a Location outside the base path', () => {
    expect(matchLocation(contract, 'http://127.0.0.1:9/api', '/elsewhere/topics/1')).toBeUndefined();
  });
});

describe('spec pointers', () => {
  it('escape paths as JSON Pointers, keeping the braces readable', () => {
    expect(specPointer('paths', '/qa/{id}', 'get', 'responses', '200')).toBe(
      'openapi.yaml#/paths/~1qa~1{id}/get/responses/200',
    );
  });

  it('resolve a status to the response that documents it', () => {
    const getQa = operation(contract, 'getQa');
    expect(documentedResponse(getQa, 404)?.pointer).toBe('openapi.yaml#/paths/~1qa~1{id}/get/responses/404');
    expect(documentedResponse(getQa, 418)).toBeUndefined();
  });
});

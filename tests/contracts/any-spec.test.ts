import { copyFile, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dump, load } from 'js-yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHECK_NAMES } from '../../contracts/checks/index.ts';
import type { RunResult } from '../../contracts/run-result.ts';
import { ROOT_DIR } from '../../mock/openapi/paths.ts';
import { bin, freePort, run, type Service, startService } from '../support/processes.ts';

/** `prism mock SPEC` on a free loopback port: a stateless server that answers any spec's examples. */
async function startPrismMock(spec: string): Promise<{ base: string; stop(): Promise<void> }> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const ready = async () => Boolean(await fetch(`${base}/`));
  const service: Service = await startService(
    bin('prism'),
    ['mock', spec, '--host', '127.0.0.1', '-p', String(port)],
    ready,
    { timeoutMs: 60_000 },
  );
  return { base, stop: service.stop };
}

async function runCli(args: string[]): Promise<{ code: number; output: string; result: RunResult }> {
  const dir = await mkdtemp(join(tmpdir(), 'contract-any-'));
  const json = join(dir, 'result.json');
  const { code, output } = await run(bin('tsx'), [
    'contracts/cli.ts',
    '--seed',
    '5',
    '--json',
    json,
    ...args,
  ]);
  return { code, output, result: JSON.parse(await readFile(json, 'utf8')) as RunResult };
}

/** Every skipped check says why, and nothing that sent and judged nothing passed. */
function expectHonest(result: RunResult): void {
  for (const check of result.checks) {
    if (check.status === 'skipped') expect(check.notes.join(' '), check.name).toMatch(/skipped: \S/);
    if (check.status === 'passed') expect(check.requests + check.judged, check.name).toBeGreaterThan(0);
  }
}

// The runner checks any OpenAPI document, not only this project's: extensions, a login and a
// health check are optional, and what cannot be checked is SKIPPED with its reason.
describe('npm run contract -- --spec on a foreign spec', () => {
  let prism: { base: string; stop(): Promise<void> };
  beforeAll(async () => {
    prism = await startPrismMock('tests/contracts/specs/petstore.yaml');
  }, 90_000);
  afterAll(() => prism?.stop());

  it('checks a tiny pet store with no login and no extensions, and ends with a verdict', async () => {
    const { code, output, result } = await runCli([
      '--base-url',
      prism.base,
      '--spec',
      'tests/contracts/specs/petstore.yaml',
    ]);
    expect(result.fatal, output).toBeUndefined();
    expect([0, 1], output).toContain(code);
    expect(output).not.toMatch(/crashed|\n\s+at /);
    expect(output).toMatch(/(keeps|breaks) the contract/);
    expect(result.checks.map((c) => c.name).sort()).toEqual([...CHECK_NAMES].sort());
    expect(result.coverage.operationsExercised).toBe(3);
    expectHonest(result);
    const skipped = Object.fromEntries(
      result.checks.filter((c) => c.status === 'skipped').map((c) => [c.name, c.notes.join(' ')]),
    );
    expect(skipped.cors).toMatch(/no x-cors/);
    expect(skipped.rate_limit).toMatch(/no x-rate-limits/);
    expect(skipped.token_lifecycle).toMatch(/no x-auth/);
    expect(skipped.upload_limits).toMatch(/x-max-file-size/);
    expect(skipped.realtime).toMatch(/no AsyncAPI document/);
    expect(skipped.ignored_auth).toMatch(/protected/);
    expect(output).toContain('The spec has no login operation');
    for (const failure of result.failures) expect(failure.specPointer).toMatch(/^petstore\.yaml#\//);
  }, 120_000);
});

describe('npm run contract -- --spec on a grown copy of openapi.yaml', () => {
  let prism: { base: string; stop(): Promise<void> };
  let spec: string;
  beforeAll(async () => {
    const dir = await mkdtemp(join(tmpdir(), 'contract-agents-'));
    spec = join(dir, 'openapi.yaml');
    await writeFile(spec, dump(withAgents(load(await readFile(join(ROOT_DIR, 'openapi.yaml'), 'utf8')))));
    await copyFile(join(ROOT_DIR, 'asyncapi.yaml'), join(dir, 'asyncapi.yaml'));
    prism = await startPrismMock(spec);
  }, 90_000);
  afterAll(() => prism?.stop());

  it('drives and judges the new /agents operations', async () => {
    const { output, result } = await runCli([
      '--base-url',
      prism.base,
      '--spec',
      spec,
      '--only',
      'agents',
      '--skip',
      'realtime',
      // A team's own copy names its login: no profile brings one here.
      '--email',
      'agent@example.com',
      '--password',
      'secret',
    ]);
    expect(result.fatal, output).toBeUndefined();
    expect(output).toMatch(/(keeps|breaks) the contract/);
    const agents = result.coverage.operations.filter((op) => op.path.startsWith('/agents'));
    expect(agents.map((op) => op.operationId).sort()).toEqual(
      ['createAgent', 'deleteAgent', 'getAgent', 'listAgents', 'updateAgent'].sort(),
    );
    for (const op of agents) expect(op.exercised, op.operationId).toBe(true);
    for (const name of ['positive_data_acceptance', 'negative_data_rejection', 'ignored_auth'])
      expect(result.checks.find((c) => c.name === name)?.operations, name).toEqual(
        expect.arrayContaining(['createAgent', 'getAgent']),
      );
    expectHonest(result);
  }, 180_000);
});

/** openapi.yaml plus an optional `nickname` on topics and an `/agents` CRUD resource shaped like topics. */
function withAgents(document: unknown): unknown {
  const doc = document as {
    paths: Record<string, Record<string, Record<string, unknown>>>;
    components: { schemas: Record<string, { properties?: Record<string, unknown> }> };
    tags?: { name: string }[];
  };
  const topicInput = doc.components.schemas.TopicInput;
  if (topicInput?.properties) topicInput.properties.nickname = { type: 'string', maxLength: 30 };
  doc.components.schemas.AgentInput = {
    type: 'object',
    required: ['name'],
    additionalProperties: false,
    properties: {
      name: { type: 'string', minLength: 1, maxLength: 60, example: 'Dilnoza' },
      language: { type: 'string', enum: ['uz', 'ru', 'en'], example: 'uz' },
    },
  } as never;
  doc.components.schemas.Agent = {
    type: 'object',
    required: ['id', 'name'],
    properties: {
      id: { type: 'string', format: 'uuid', example: '0f8fad5b-d9cb-469f-a165-70867728950e' },
      name: { type: 'string', example: 'Dilnoza' },
      language: { type: 'string', enum: ['uz', 'ru', 'en'], example: 'uz' },
    },
  } as never;
  doc.components.schemas.AgentList = {
    type: 'object',
    required: ['items', 'total', 'page', 'pageSize', 'totalPages'],
    properties: {
      items: { type: 'array', items: { $ref: '#/components/schemas/Agent' } },
      total: { type: 'integer', minimum: 0, example: 1 },
      page: { type: 'integer', minimum: 1, example: 1 },
      pageSize: { type: 'integer', minimum: 1, example: 20 },
      totalPages: { type: 'integer', minimum: 0, example: 1 },
    },
  } as never;
  doc.tags = [...(doc.tags ?? []), { name: 'agents' }];
  const errors = (...codes: string[]) =>
    Object.fromEntries(codes.map((c) => [c, { $ref: `#/components/responses/${RESPONSES[c]}` }]));
  const id = { name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } };
  const body = {
    required: true,
    content: { 'application/json': { schema: { $ref: '#/components/schemas/AgentInput' } } },
  };
  const one = (status: string, description: string) => ({
    [status]: {
      description,
      content: { 'application/json': { schema: { $ref: '#/components/schemas/Agent' } } },
    },
  });
  doc.paths['/agents'] = {
    get: {
      operationId: 'listAgents',
      tags: ['agents'],
      responses: {
        '200': {
          description: 'Agents',
          content: { 'application/json': { schema: { $ref: '#/components/schemas/AgentList' } } },
        },
        ...errors('400', '401'),
      },
    },
    post: {
      operationId: 'createAgent',
      tags: ['agents'],
      requestBody: body,
      responses: { ...one('201', 'Created'), ...errors('400', '401', '415') },
    },
  };
  doc.paths['/agents/{id}'] = {
    get: {
      operationId: 'getAgent',
      tags: ['agents'],
      parameters: [id],
      responses: { ...one('200', 'The agent'), ...errors('400', '401', '404') },
    },
    put: {
      operationId: 'updateAgent',
      tags: ['agents'],
      parameters: [id],
      requestBody: body,
      responses: { ...one('200', 'Replaced'), ...errors('400', '401', '404', '415') },
    },
    delete: {
      operationId: 'deleteAgent',
      tags: ['agents'],
      parameters: [id],
      responses: { '204': { description: 'Deleted' }, ...errors('400', '401', '404') },
    },
  };
  return doc;
}

const RESPONSES: Record<string, string> = {
  '400': 'BadRequest',
  '401': 'Unauthorized',
  '404': 'NotFound',
  '415': 'UnsupportedMediaType',
};

import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listOperations } from '../../mock/openapi/operations.ts';
import { ROOT_DIR } from '../../mock/openapi/paths.ts';
import { spec } from './support.ts';

// The brief's table, kept here so the contract is checked even without ../shared; when the brief is
// beside the checkout, the test below also proves this copy equals it.
const BRIEF_BASE_URL = 'http://localhost:3001/api';
const BRIEF_OPERATIONS = [
  ['POST', '/api/voip/call'],
  ['POST', '/api/voip/file'],
  ['GET', '/api/voip/file'],
  ['GET', '/api/voip/file/:fileId'],
  ['DELETE', '/api/voip/file/:fileId'],
  ['DELETE', '/api/voip/history/:targetNumber'],
  ['GET', '/api/voip/calls'],
  ['POST', '/api/qa'],
  ['GET', '/api/qa'],
  ['GET', '/api/qa/:id'],
  ['PUT', '/api/qa/:id'],
  ['DELETE', '/api/qa/:id'],
  ['POST', '/api/topics'],
  ['GET', '/api/topics'],
  ['GET', '/api/topics/:id'],
  ['DELETE', '/api/topics/:id'],
  ['GET', '/api/statistics'],
] as const;

const BRIEF_PATH = resolve(ROOT_DIR, '..', 'shared', 'reference', 'api-brief.md');

/** `/qa/{id}` under server `/api` becomes the brief's `/api/qa/:id`. */
function briefStyle(serverPath: string, path: string): string {
  return serverPath + path.replace(/\{(\w+)\}/g, ':$1');
}

describe('the contract keeps every fact of the brief', () => {
  it.runIf(existsSync(BRIEF_PATH))('the embedded table equals the brief', () => {
    const rows = [...readFileSync(BRIEF_PATH, 'utf8').matchAll(/^\| (GET|POST|PUT|DELETE) \| (\S+) \|/gm)];
    expect(rows.map((m) => [m[1], m[2]])).toEqual(BRIEF_OPERATIONS.map((r) => [...r]));
  });

  it('serves under the brief base URL', async () => {
    const { document } = await spec();
    expect(document.servers?.map((s) => s.url)).toContain(BRIEF_BASE_URL);
  });

  it.each(BRIEF_OPERATIONS)('has %s %s with exactly that method and path', async (method, briefPath) => {
    const { document } = await spec();
    const serverPath = new URL(BRIEF_BASE_URL).pathname;
    const found = listOperations(document).filter(
      (op) => op.method.toUpperCase() === method && briefStyle(serverPath, op.path) === briefPath,
    );
    expect(found, `${method} ${briefPath}`).toHaveLength(1);
    const op = found[0]?.operation;
    expect(op?.operationId).toBeTruthy();
    expect(op?.summary).toBeTruthy();
    expect(op?.description).toBeTruthy();
    expect(op?.tags?.length).toBeGreaterThan(0);
  });

  it('uses only the status codes of the brief, plus those the open questions call for', async () => {
    const { document } = await spec();
    const allowed = new Set([
      '200',
      '201',
      '204',
      '400',
      '401',
      '404',
      '409',
      '413',
      '414',
      '415',
      '429',
      '431',
      '500',
    ]);
    for (const op of listOperations(document)) {
      for (const status of Object.keys(op.operation.responses)) {
        expect(allowed.has(status), `${op.operationId} answers ${status}`).toBe(true);
      }
    }
  });

  it('writes phone numbers as +998 and 9 digits', async () => {
    const { document } = await spec();
    const phone = document.components?.schemas?.PhoneNumber as { pattern?: string };
    expect(phone.pattern).toBe('^\\+998\\d{9}$');
    expect(new RegExp(phone.pattern ?? '').test('+998901234567')).toBe(true);
  });

  it('writes every timestamp as date-time and every duration as whole seconds', async () => {
    const { document } = await spec();
    const call = document.components?.schemas?.Call as {
      properties: Record<string, { format?: string; type?: string }>;
    };
    for (const field of ['createdAt', 'updatedAt', 'answeredAt', 'endedAt']) {
      expect(call.properties[field]?.format, field).toBe('date-time');
    }
    expect(call.properties.durationSeconds?.type).toBe('integer');
  });
});

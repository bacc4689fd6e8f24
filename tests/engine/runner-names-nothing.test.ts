import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AUTH_OPERATIONS } from '../../contracts/plan/auth-operations.ts';
import { loadSpec } from '../../mock/openapi/load-spec.ts';
import { listOperations } from '../../mock/openapi/operations.ts';
import { ASYNCAPI_PATH, ROOT_DIR } from '../../mock/openapi/paths.ts';
import { readYaml } from '../../mock/openapi/read-yaml.ts';

// The runner (contracts/) checks any contract; what only the call center knows (its domain checks,
// test numbers, demo login) lives in profiles/call-center/runner, registered through the runner's
// public API. The sibling of engine-names-nothing.test.ts: this one reads the runner's source for
// openapi.yaml's operation ids and for imports of a profile or of the call center's generated models.

const spec = await loadSpec(undefined, { validate: false });
const asyncapi = (await readYaml(ASYNCAPI_PATH)) as { channels?: Record<string, Record<string, unknown>> };

/**
 * The operation ids of openapi.yaml, less the keys of the extensions the runner reads (x-auth's
 * `refreshToken`, the AsyncAPI channel's `x-closes-on` causes such as `logout`): those are the
 * runner's own vocabulary, whatever a contract names its operations.
 */
function operationIds(): Set<string> {
  const ids = new Set(listOperations(spec.document).map((op) => op.operationId));
  const document = spec.raw as unknown as Record<string, unknown>;
  const keysOf = (node: unknown, depth: number): string[] =>
    depth > 4 || typeof node !== 'object' || node === null
      ? []
      : Object.entries(node).flatMap(([key, value]) => [key, ...keysOf(value, depth + 1)]);
  for (const key of keysOf(document['x-auth'], 0)) ids.delete(key);
  for (const channel of Object.values(asyncapi.channels ?? {}))
    for (const key of Object.keys((channel['x-closes-on'] ?? {}) as object)) ids.delete(key);
  return ids;
}

/**
 * The one exception: the ids of the auth convention (health, login, refresh, logout, current user)
 * by which the runner finds a contract's auth operations, defined once with the reason there.
 */
const ALLOWED: Record<string, string[]> = {
  'contracts/plan/auth-operations.ts': Object.values(AUTH_OPERATIONS),
};

function runnerSources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    // lib/ is the package's build (npm run build): the sources are what it was built from.
    if (entry.isDirectory()) return entry.name === 'lib' ? [] : runnerSources(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

/**
 * Quoted words: how code names an operation (`'placeCall'`). Member accesses are the runner's own
 * vocabulary (`session.login()`, `AUTH_OPERATIONS.refresh`), not a contract's names.
 */
function namesIn(source: string): Set<string> {
  const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  const found = new Set<string>();
  for (const m of code.matchAll(/(['"`])([A-Za-z_][\w-]*)\1/g)) found.add(m[2] as string);
  return found;
}

const importsOf = (source: string) => [...source.matchAll(/from\s+'([^']+)'/g)].map((m) => m[1] as string);
const sources = runnerSources(join(ROOT_DIR, 'contracts')).map((path) => [relative(ROOT_DIR, path), path]);

describe('the runner names no operation of the call center', () => {
  const ids = operationIds();

  it('knows the names it looks for (the check can fail)', () => {
    for (const id of ['placeCall', 'deleteCallHistory', 'listTopics', 'getStatistics'])
      expect(ids.has(id)).toBe(true);
    expect(
      [...namesIn('contract.byId.get(\'placeCall\'); op.operationId === "listCalls"')].filter((n) =>
        ids.has(n),
      ),
    ).toEqual(['placeCall', 'listCalls']);
  });

  it.each(sources)('%s', (name, path) => {
    const allowed = new Set(ALLOWED[name] ?? []);
    const found = [...namesIn(readFileSync(path, 'utf8'))].filter((n) => ids.has(n) && !allowed.has(n));
    expect(
      found,
      'operation ids of openapi.yaml in the runner: move that code to profiles/call-center/runner (a check, or a RealWorld hook)',
    ).toEqual([]);
  });
});

describe("the runner imports no profile and none of the call center's models", () => {
  it('sees an import of a profile or of the models (the check can fail)', () => {
    expect(
      importsOf(
        "import { x } from '../profiles/call-center/runner/index.ts';\nimport type { Call } from '../../profiles/call-center/models.ts';\nimport type { paths } from '../generated/api.generated.ts';",
      ),
    ).toEqual([
      '../profiles/call-center/runner/index.ts',
      '../../profiles/call-center/models.ts',
      '../generated/api.generated.ts',
    ]);
  });

  it.each(sources)('%s', (_name, path) => {
    const found = importsOf(readFileSync(path, 'utf8')).filter(
      (spec) => /(^|\/)profiles\//.test(spec) || /(^|\/)generated\/api\.generated\.ts$/.test(spec),
    );
    expect(
      found,
      "a profile or the call center's generated models imported by the runner: register a profile through runContract({ profiles }) or --profile",
    ).toEqual([]);
  });
});

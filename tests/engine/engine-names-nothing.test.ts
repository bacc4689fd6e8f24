import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSpec } from '../../mock/openapi/load-spec.ts';
import { listOperations } from '../../mock/openapi/operations.ts';
import { ROOT_DIR } from '../../mock/openapi/paths.ts';

// The engine (mock/) serves any contract; everything that knows this API's names lives in
// profiles/call-center. This test reads the engine's source for the operation ids, path words,
// schema names and field names of openapi.yaml, and fails on any it finds.

/**
 * Words of any REST contract, of the problem format, of paging and sorting conventions the engine
 * recognises (`start`, `direction`), of the libraries it drives (body-parser's `entity.parse.failed`,
 * AsyncAPI's `channels`, node:crypto's `sha256`, OpenAPI's own Encoding Object `contentType`): not this
 * API's names.
 */
const GENERIC = new Set(
  `id name type title status detail code errors field message in items total page pageSize totalPages
  description content format from to text user auth token email password role enabled tags file health
  createdAt updatedAt instance requestId data events event reason since filter sort order limit offset q
  start direction failed channels sha256 contentType`.split(/\s+/),
);

/**
 * Exceptions, each with its reason; none today. The call center's options (`--calls`,
 * `--call-speed`) are its profile's own table (profiles/call-center/options.ts), which the engine's
 * CLI, environment and docs table read after its own.
 */
const ALLOWED: Record<string, string[]> = {};

const spec = await loadSpec(undefined, { validate: false });

/** The names of this API: operation ids, path words, schema names and their fields. */
function apiNames(): Set<string> {
  const names = new Set<string>();
  for (const op of listOperations(spec.document)) {
    names.add(op.operationId);
    for (const word of op.path.split('/')) if (word && !word.startsWith('{')) names.add(word);
  }
  const visit = (node: unknown, depth: number) => {
    if (depth > 12 || typeof node !== 'object' || node === null) return;
    const properties = (node as { properties?: Record<string, unknown> }).properties;
    if (properties) for (const key of Object.keys(properties)) names.add(key);
    for (const value of Object.values(node)) visit(value, depth + 1);
  };
  for (const [name, schema] of Object.entries(spec.raw.components?.schemas ?? {})) {
    names.add(name);
    visit(schema, 0);
  }
  for (const word of GENERIC) names.delete(word);
  // The keys of the extensions the engine reads (x-auth's refreshToken, x-cors' allowedOrigins) are
  // the engine's own vocabulary.
  const document = spec.raw as unknown as Record<string, unknown>;
  const keysOf = (node: unknown, depth: number): string[] =>
    depth > 4 || typeof node !== 'object' || node === null
      ? []
      : Object.entries(node).flatMap(([key, value]) => [key, ...keysOf(value, depth + 1)]);
  // (x-rate-limits' policy names are this API's own: only its top-level keys count.)
  for (const extension of ['x-auth', 'x-cors'])
    for (const key of keysOf(document[extension], 0)) names.delete(key);
  for (const key of Object.keys(document['x-rate-limits'] ?? {})) names.delete(key);
  return names;
}

function engineSources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    // lib/ is the package's build (npm run build): the sources are what it was built from.
    if (entry.isDirectory()) return entry.name === 'lib' ? [] : engineSources(path);
    // *.generated.ts are the validators of the OpenAPI schemas (npm run generate): OpenAPI's own
    // words (`summary`), which this API uses too, not code that knows this API.
    const source = entry.name.endsWith('.ts') && !/\.(test|generated)\.ts$/.test(entry.name);
    return source ? [path] : [];
  });
}

/** Quoted words, member accesses and object keys: how code names an operation, a path or a field. */
function namesIn(source: string): Set<string> {
  const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  const found = new Set<string>();
  for (const m of code.matchAll(/(['"`])([A-Za-z_][\w-]*)\1/g)) found.add(m[2] as string);
  for (const m of code.matchAll(/['"`][^'"`\n]*?\/([A-Za-z_][\w-]*)/g)) found.add(m[1] as string);
  for (const m of code.matchAll(/\.([A-Za-z_]\w*)/g)) found.add(m[1] as string);
  for (const m of code.matchAll(/(?:^|[{,(]\s*)([A-Za-z_]\w*)\??\s*:/gm)) found.add(m[1] as string);
  return found;
}

describe('the engine names nothing of this API', () => {
  const names = apiNames();

  it('knows the API names it looks for (the check can fail)', () => {
    for (const name of ['placeCall', 'login', 'voip', 'targetNumber', 'question', 'Topic'])
      expect(names.has(name)).toBe(true);
    expect(
      [...namesIn("store.collection('calls'); x.targetNumber; { topicId: 1 }")].filter((n) => names.has(n)),
    ).toEqual(expect.arrayContaining(['calls', 'targetNumber', 'topicId']));
  });

  it.each(engineSources(join(ROOT_DIR, 'mock')).map((path) => [relative(ROOT_DIR, path), path]))(
    '%s',
    (name, path) => {
      const allowed = new Set(ALLOWED[name] ?? []);
      const found = [...namesIn(readFileSync(path, 'utf8'))].filter((n) => names.has(n) && !allowed.has(n));
      expect(found, 'names of openapi.yaml in engine code: move that code to profiles/call-center').toEqual(
        [],
      );
    },
  );
});

describe("the engine imports no profile and none of this API's models", () => {
  const importsOf = (source: string) => [...source.matchAll(/from\s+'([^']+)'/g)].map((m) => m[1] as string);

  it('sees an import of a profile or of the models (the check can fail)', () => {
    expect(
      importsOf(
        "import { x } from '../profiles/call-center/index.ts';\nimport type { paths } from '../generated/api.generated.ts';",
      ),
    ).toEqual(['../profiles/call-center/index.ts', '../generated/api.generated.ts']);
  });

  it.each(engineSources(join(ROOT_DIR, 'mock')).map((path) => [relative(ROOT_DIR, path), path]))(
    '%s',
    (_name, path) => {
      const found = importsOf(readFileSync(path, 'utf8')).filter(
        (spec) => /(^|\/)profiles\//.test(spec) || /(^|\/)generated\/api\.generated\.ts$/.test(spec),
      );
      expect(
        found,
        "a profile or the call center's generated models imported by the engine: register a profile through startMock({ profiles }); the engine's own words are in mock/http/problem.ts and mock/auth/user.ts",
      ).toEqual([]);
    },
  );
});

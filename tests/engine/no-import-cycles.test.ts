import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT_DIR } from '../../mock/openapi/paths.ts';

// No import cycles among the sources (issue 20): a module and what it imports should read in one
// direction, top to bottom. Type-only imports count, because a cycle of types is still a loop a
// reader has to hold in their head; the fix is a small types module both sides may import.

/** The source folders; tests and each package's lib/ build are not sources. */
const SOURCE_DIRS = ['client', 'generated', 'mock', 'profiles', 'contracts'];

/** Every relative module a file names: static imports and re-exports (type-only too) and `import()`. */
function relativeImports(source: string): string[] {
  const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  const patterns = [
    /\b(?:import|export)\s[^;'"]*?\bfrom\s*['"](\.{1,2}\/[^'"]+)['"]/g,
    /\bimport\s*['"](\.{1,2}\/[^'"]+)['"]/g,
    /\bimport\s*\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/g,
  ];
  return patterns.flatMap((pattern) => [...code.matchAll(pattern)].map((m) => m[1] as string));
}

/**
 * The strongly connected components of more than one node (or one that imports itself), found by
 * Tarjan's algorithm: each is a set of modules that all reach one another, that is, a cycle.
 */
function findCycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (node: string): void => {
    index.set(node, index.size);
    low.set(node, index.get(node) as number);
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node) as number, low.get(next) as number));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node) as number, index.get(next) as number));
      }
    }
    if (low.get(node) !== index.get(node)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop() as string;
      onStack.delete(member);
      component.push(member);
    } while (member !== node);
    if (component.length > 1 || graph.get(node)?.includes(node)) cycles.push(component.sort());
  };
  for (const node of graph.keys()) if (!index.has(node)) visit(node);
  return cycles;
}

function sourcesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    // lib/ is a package's build (npm run build), node_modules another's code.
    if (entry.isDirectory())
      return entry.name === 'lib' || entry.name === 'node_modules' ? [] : sourcesUnder(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

/** The import graph of the sources, keyed by path from the root. */
function sourceGraph(): Map<string, string[]> {
  const files = SOURCE_DIRS.flatMap((dir) => sourcesUnder(join(ROOT_DIR, dir)));
  const known = new Set(files);
  return new Map(
    files.map((file) => [
      relative(ROOT_DIR, file),
      relativeImports(readFileSync(file, 'utf8'))
        .map((specifier) => resolve(dirname(file), specifier))
        .filter((target) => known.has(target))
        .map((target) => relative(ROOT_DIR, target)),
    ]),
  );
}

describe('no import cycles among the sources', () => {
  it('finds a cycle in a small made-up graph (the check can fail)', () => {
    const graph = new Map([
      ['a.ts', ['b.ts']],
      ['b.ts', ['c.ts', 'd.ts']],
      ['c.ts', ['a.ts']],
      ['d.ts', ['e.ts']],
      ['e.ts', []],
      ['f.ts', ['f.ts']],
    ]);
    expect(findCycles(graph)).toEqual(expect.arrayContaining([['a.ts', 'b.ts', 'c.ts'], ['f.ts']]));
    expect(findCycles(graph)).toHaveLength(2);
    expect(
      findCycles(
        new Map([
          ['a.ts', ['b.ts']],
          ['b.ts', []],
        ]),
      ),
    ).toEqual([]);
  });

  it('reads the relative imports of a file, type-only, re-exports and import() included', () => {
    const source = [
      "import { a } from './a.ts';",
      "import type {\n  B,\n  C,\n} from '../b.ts';",
      "export type { D } from './d.ts';",
      "export * from './e.ts';",
      "import './side-effect.ts';",
      "const f = await import('./f.ts');",
      "import { readFileSync } from 'node:fs';",
      "// import { g } from './commented-out.ts';",
    ].join('\n');
    expect(relativeImports(source).sort()).toEqual(
      ['../b.ts', './a.ts', './d.ts', './e.ts', './f.ts', './side-effect.ts'].sort(),
    );
  });

  it('has none in client/, generated/, mock/, profiles/ and contracts/', () => {
    const graph = sourceGraph();
    // A sanity floor: the walk saw the tree (a wrong root would find no cycle in nothing).
    expect(graph.size).toBeGreaterThan(200);
    const cycles = findCycles(graph);
    const described = cycles.map(
      (files, i) => `cycle ${i + 1} (${files.length} files):\n  ${files.join('\n  ')}`,
    );
    expect(
      described,
      'import cycles: give the shared type a home both sides may import (a small types module named for what it holds)',
    ).toEqual([]);
  });
});

import { valueAt } from './json-pointer.ts';

/**
 * Replaces every local `$ref` (`#/components/schemas/Call`) of a document with the object it points
 * to, in place, as json-schema-ref-parser's dereference does: each target is one shared object, so
 * a recursive schema becomes a circular object graph, and a `$ref` with sibling keys becomes the
 * target with those keys added. For the browser, where the library cannot go: its HTTP resolver
 * brings Node's DNS and undici into a page's bundle. A `$ref` to another file or a URL is refused
 * with its location: bundle such a document first (`npm run generate` writes this API's bundle).
 */
export function dereferenceLocal<T extends object>(document: T): T {
  const done = new Set<object>();
  // What each `$ref` came to, once: GitHub's description has 10,460 of them, to 1,764
  // places, and each pointer walked and decoded again was a quarter of the dereference (profiled).
  const targets = new Map<string, unknown>();
  const resolve = (ref: string, at: string): unknown => {
    if (!ref.startsWith('#'))
      throw new Error(`${at}: $ref "${ref}" points outside the document; bundle the contract first`);
    const target = valueAt(document, ref.slice(1));
    if (target === undefined) throw new Error(`${at}: $ref "${ref}" points at nothing`);
    return target;
  };
  const visit = (node: unknown, at: string, chain: string[] = []): unknown => {
    if (typeof node !== 'object' || node === null) return node;
    const ref = (node as { $ref?: unknown }).$ref;
    if (typeof ref === 'string') {
      let target = targets.get(ref);
      if (target === undefined) {
        if (chain.includes(ref)) throw new Error(`${at}: $ref "${ref}" refers to itself`);
        target = visit(resolve(ref, at), ref.slice(1), [...chain, ref]);
        targets.set(ref, target);
      }
      const { $ref: _, ...siblings } = node as Record<string, unknown>;
      if (Object.keys(siblings).length === 0) return target;
      // `nullable` beside a `$ref` (Asana's `created_by`): 3.0 ignores a reference's siblings, yet
      // authors mean null. Kept beside the target rather than on it, as `{ allOf: [target],
      // nullable }` reads: the validator admits null, the generator makes none (isNullable).
      if ('nullable' in siblings) return { allOf: [target], ...(visit(siblings, at) as object) };
      return { ...(target as object), ...(visit(siblings, at) as object) };
    }
    // Visited once: a cycle meets an object being filled in, and gets that same object.
    if (done.has(node)) return node;
    done.add(node);
    const entries = node as Record<string, unknown>;
    for (const key of Object.keys(entries)) entries[key] = visit(entries[key], `${at}/${key}`);
    return node;
  };
  return visit(document, '#') as T;
}

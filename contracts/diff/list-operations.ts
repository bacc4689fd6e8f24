import { child, entries, rootNode } from './resolve-refs.ts';
import type { ContractVersion, Node } from './types.ts';

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/** One operation of one version, dereferenced one level and keyed for matching. */
export interface Operation {
  subject: string;
  /** The path as written (`/topics/{id}`). */
  path: string;
  node: Node;
  pathItem: Node;
}

/**
 * Operations keyed by method and path with the parameter names blanked, so that renaming
 * `{id}` to `{topicId}` is no removal.
 */
export function listOperations(version: ContractVersion): Map<string, Operation> {
  const found = new Map<string, Operation>();
  for (const [path, pathItem] of entries(version, child(rootNode(version, 'openapi.yaml'), 'paths')))
    for (const method of METHODS) {
      const node = child(pathItem, method);
      if (node.value === undefined) continue;
      const key = `${method.toUpperCase()} ${path.replace(/\{[^}]*\}/g, '{}')}`;
      found.set(key, { subject: `${method.toUpperCase()} ${path}`, path, node, pathItem });
    }
  return found;
}

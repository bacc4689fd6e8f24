import type { ContractVersion, Node } from './types.ts';

const escapeKey = (key: string) => key.replaceAll('~', '~0').replaceAll('/', '~1');
const unescapeKey = (key: string) => key.replaceAll('~1', '/').replaceAll('~0', '~');

/** The root of one document of a version. */
export function rootNode(version: ContractVersion, file: string): Node {
  return { value: version.files[file], file, pointer: '' };
}

/** The node under `key`, with its pointer; `value` is undefined when there is none. */
export function child(node: Node, ...keys: (string | number)[]): Node {
  let { value, pointer } = node;
  for (const key of keys) {
    value = value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
    pointer = `${pointer}/${escapeKey(String(key))}`;
  }
  return { value, file: node.file, pointer };
}

/** `openapi.yaml#/paths/~1topics/post`: what the changelog prints. */
export function formatPointer(node: Node): string {
  return `${node.file}#${node.pointer}`;
}

/**
 * Follows `$ref`s (local, or into a sibling document such as asyncapi.yaml's `./openapi.yaml#/...`)
 * until a node that is not a reference. Refs are followed here rather than by swagger-parser's
 * dereference so that every node keeps the pointer of the place a reviewer would edit.
 */
export function deref(version: ContractVersion, node: Node): Node {
  let current = node;
  for (let hops = 0; hops < 50; hops++) {
    const ref = (current.value as { $ref?: unknown } | undefined)?.$ref;
    if (typeof ref !== 'string') return current;
    const [filePart = '', fragment = ''] = ref.split('#');
    const file = filePart === '' ? current.file : filePart.replace(/^\.\//, '');
    const keys = fragment.split('/').slice(1).map(unescapeKey);
    current = child({ value: version.files[file], file, pointer: '' }, ...keys);
  }
  throw new Error(`${formatPointer(node)}: $ref chain longer than 50 hops`);
}

/** Object entries of a node, dereferenced, as child nodes. */
export function entries(version: ContractVersion, node: Node): [string, Node][] {
  const value = node.value;
  if (!value || typeof value !== 'object') return [];
  return Object.keys(value).map((key) => [key, deref(version, child(node, key))]);
}

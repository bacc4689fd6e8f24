/**
 * The value a JSON Pointer (`/components/schemas/Call`, as a `$ref`'s fragment writes it) points
 * at in a document, or undefined. Segments are URI-decoded, then `~1` and `~0` unescaped (RFC 6901).
 */
export function valueAt(root: unknown, pointer: string): unknown {
  let node = root;
  for (const raw of pointer.split('/').slice(1)) {
    const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    node = (node as Record<string, unknown> | undefined)?.[key];
    if (node === undefined) return undefined;
  }
  return node;
}

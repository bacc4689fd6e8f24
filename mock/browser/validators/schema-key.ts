import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';

/**
 * A digest of a schema's content, exact for shared and recursive schemas: an object met again is
 * written as the index of its first visit, so two schemas share a key only when every path in them
 * leads to the same constraints. The browser build compiles the bundled contract's validators under
 * these keys (precompile-schemas.ts) and the page finds them by the schema the engine hands it
 * (precompiled-validator.ts): the page's dereferenced document is a new object graph, equal in
 * content, so identity cannot name a schema across the build and the page.
 */
export function schemaKey(schema: object): string {
  const seen = new Map<object, number>();
  const text = JSON.stringify(schema, (_key, value: unknown) => {
    if (typeof value !== 'object' || value === null) return value;
    const index = seen.get(value);
    if (index !== undefined) return { $seen: index };
    seen.set(value, seen.size);
    return value;
  });
  return bytesToHex(sha256(new TextEncoder().encode(text))).slice(0, 16);
}

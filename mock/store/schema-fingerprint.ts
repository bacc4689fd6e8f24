import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';

/**
 * A short digest of a (dereferenced, possibly recursive) schema: the same schema gives the same
 * text, any edit of it another. A store file keeps each collection's, so that a start under an
 * edited contract knows which collections to check again and which are as they were written.
 */
export function schemaFingerprint(schema: object): string {
  const seen = new WeakSet<object>();
  const text = JSON.stringify(schema, (_key, value: unknown) => {
    if (typeof value !== 'object' || value === null) return value;
    if (seen.has(value)) return '[cycle]';
    seen.add(value);
    return value;
  });
  return bytesToHex(sha256(new TextEncoder().encode(text))).slice(0, 32);
}

/**
 * The SHA-256 of bytes, in hex, from WebCrypto (a global on Node 20+ and in every browser): native
 * code in both, where a JavaScript hash in the page took 40 to 95 ms for the seed's five WAV files
 * on a first visit (`npm run bench -- --only browser`, profiled).
 */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  let hex = '';
  for (const byte of digest) hex += byte.toString(16).padStart(2, '0');
  return hex;
}

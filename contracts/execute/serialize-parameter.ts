/**
 * A parameter value as it goes in a URL. Arrays are comma-separated, the contract's one
 * array style (`form` with `explode: false`: `status=busy,no_answer`).
 */
export function serializeParameter(value: unknown): string {
  // Items through the same rules: String() throws on an object without a prototype.
  if (Array.isArray(value)) return value.map(serializeParameter).join(',');
  if (value !== null && typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

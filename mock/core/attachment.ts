/**
 * `Content-Disposition: attachment` for a file name (RFC 6266): an ASCII `filename` for old
 * clients and, when the name is not plain ASCII, the exact name as RFC 8187's `filename*`. Written
 * here because the `content-disposition` package needs Node's `path`, and the core runs in pages.
 */
export function attachment(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '?').replace(/["\\]/g, '\\$&');
  if (/^[\x20-\x7e]*$/.test(name)) return `attachment; filename="${ascii}"`;
  const encoded = encodeURIComponent(name).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

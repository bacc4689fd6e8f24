import type { RecordedRequest } from '../types.ts';

const MAX_BODY = 4000;

function quote(text: string): string {
  return `'${text.replaceAll("'", `'\\''`)}'`;
}

/**
 * Renders a request as a curl command a developer can paste into a shell. The session's access
 * token is shown as `$TOKEN` (log in and export it) so that reports never carry a live credential;
 * very long bodies are cut, saying how long they were.
 */
export function toCurl(request: RecordedRequest, secrets: string[] = []): string {
  const parts = ['curl', '-i'];
  if (request.method !== 'GET') parts.push('-X', request.method);
  parts.push(quote(hide(request.url, secrets)));
  for (const [name, value] of Object.entries(request.headers)) {
    const shown = hide(value, secrets);
    // Double quotes only where the shell must expand $TOKEN.
    parts.push('-H', shown.includes('$TOKEN') ? `"${name}: ${shown}"` : quote(`${name}: ${shown}`));
  }
  for (const field of request.form ?? []) parts.push('-F', quote(field));
  if (request.body !== undefined) {
    const body =
      request.body.length > MAX_BODY
        ? `${request.body.slice(0, MAX_BODY)}…(cut, ${request.body.length} characters in all)`
        : request.body;
    parts.push('--data-raw', quote(body));
  }
  return parts.join(' ');
}

function hide(text: string, secrets: string[]): string {
  let result = text;
  for (const secret of secrets) if (secret) result = result.replaceAll(secret, '$TOKEN');
  return result;
}

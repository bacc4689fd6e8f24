/**
 * Turns what fetch throws into one sentence a developer can act on: a backend that is down, slow
 * or not speaking HTTP gets a plain explanation, never a stack trace.
 */
export function describeTransportError(error: unknown, url: string, timeoutMs: number): string {
  const err = error as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  const origin = safeOrigin(url);
  if (err.name === 'TimeoutError' || err.name === 'AbortError')
    return `${origin} did not answer ${url} within ${timeoutMs / 1000} s (raise --request-timeout if it is just slow).`;
  const code = err.cause?.code ?? '';
  if (code === 'ECONNREFUSED')
    return `Nothing is listening at ${origin}: the connection was refused. Is the backend running?`;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return `The host of ${origin} cannot be resolved.`;
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET')
    return `${origin} closed the connection without answering ${url}.`;
  if (code.startsWith('HPE_') || /parse|invalid|other side closed/i.test(err.cause?.message ?? ''))
    return `${origin} answered ${url} with something that is not HTTP.`;
  const reason = err.cause?.message ?? err.message ?? String(error);
  return `The request to ${url} failed: ${reason}.`;
}

function safeOrigin(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return url;
  }
}

import { type ChatwootError, UpstreamHttpError } from './errors';

/**
 * Chatwoot sometimes quotes what it was sent in its error messages, and the gateway shows Chatwoot's message to the
 * client ("Chatwoot says: ..."). Threat model: the server-side token is never the client's to see, so any value the
 * call carried as a credential (the token, an identifier hash) is cut out of Chatwoot's words before they travel on.
 */

/** Values shorter than this are not treated as secrets: cutting them would mangle ordinary words. */
const MIN_SECRET_LENGTH = 6;

/** The credential-like values one call sends: its token and any identifier_hash in its body or query. */
export function secretsOf(
  token: string | null | undefined,
  body: unknown,
  query: string | undefined,
  callerToken?: string | null,
): string[] {
  const secrets: string[] = [];
  if (token) secrets.push(token);
  if (callerToken && callerToken !== token) secrets.push(callerToken);
  if (body !== null && typeof body === 'object' && !Array.isArray(body)) {
    const hash = (body as Record<string, unknown>).identifier_hash;
    if (typeof hash === 'string') secrets.push(hash);
  }
  if (query) {
    const hash = new URLSearchParams(query.slice(1)).get('identifier_hash');
    if (hash) secrets.push(hash);
  }
  return secrets.filter((s) => s.length >= MIN_SECRET_LENGTH);
}

/** The same error with every secret replaced by `[redacted]` in its message and Chatwoot's message. */
export function withoutSecrets(error: ChatwootError, secrets: readonly string[]): ChatwootError {
  if (!(error instanceof UpstreamHttpError) || secrets.length === 0) return error;
  const leaks = (text: string | undefined) => text !== undefined && secrets.some((s) => text.includes(s));
  if (!leaks(error.message) && !leaks(error.chatwootMessage)) return error;
  const clean = (text: string) => secrets.reduce((out, secret) => out.split(secret).join('[redacted]'), text);
  return new UpstreamHttpError(
    clean(error.message),
    { method: error.upstream!.method, path: error.upstream!.path, status: error.status },
    error.chatwootMessage === undefined ? undefined : clean(error.chatwootMessage),
    error.invalidAttributes,
    error.retryAfterSeconds,
    error.denial,
  );
}

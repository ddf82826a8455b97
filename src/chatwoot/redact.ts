import { type ChatwootError, UpstreamHttpError } from './errors';

/**
 * Chatwoot sometimes quotes what it was sent in its error messages and attribute names, and the gateway shows them to
 * the client ("Chatwoot says: ...", `invalidFields`). Threat model: the server-side token is never the client's to see,
 * so any value the call carried as a credential (the token, an identifier hash) is cut out of every string of
 * Chatwoot's error before it travels on. The match ignores case and the separators `-`, `_`, `.` and spaces, because
 * the text may have been re-cased on the way (Rails humanises attribute names, the gateway camel-cases them).
 */

/** Values shorter than this are not treated as secrets: cutting them would mangle ordinary words. */
const MIN_SECRET_LENGTH = 6;

/** What a redacted secret is replaced with. */
export const REDACTED = '[redacted]';

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

const SEPARATORS = /[-_.\s]/g;

/**
 * Longest secret matched case- and separator-insensitively; a longer value (no real token is) is matched as written,
 * since a pattern of thousands of characters is slow to build and may overflow the regular expression compiler.
 */
const MAX_PATTERN_SECRET_LENGTH = 256;

/**
 * A pattern finding `secret` in text whatever its case and wherever separators were put in or taken out. Built from
 * the secret's characters without their separators, each escaped, with optional separators between them. Null for a
 * secret too short to be one, or too long to be matched this way.
 */
export function secretPattern(secret: string): RegExp | null {
  const chars = [...secret.replace(SEPARATORS, '')];
  if (chars.length < MIN_SECRET_LENGTH || chars.length > MAX_PATTERN_SECRET_LENGTH) return null;
  return new RegExp(chars.map((c) => c.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&')).join('[-_.\\s]*'), 'giu');
}

/** `text` with every occurrence of any of `secrets` (case- and separator-insensitively) replaced by `[redacted]`. */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length < MIN_SECRET_LENGTH) continue;
    const pattern = secretPattern(secret);
    out = pattern ? out.replace(pattern, REDACTED) : out.split(secret).join(REDACTED);
  }
  return out;
}

/** The same error with every secret replaced by `[redacted]` in its message, Chatwoot's message and attribute names. */
export function withoutSecrets(error: ChatwootError, secrets: readonly string[]): ChatwootError {
  if (!(error instanceof UpstreamHttpError) || secrets.length === 0) return error;
  const clean = (text: string) => redact(text, secrets);
  const strings = [error.message, error.chatwootMessage ?? '', ...(error.invalidAttributes ?? [])];
  if (strings.every((text) => clean(text) === text)) return error;
  return new UpstreamHttpError(
    clean(error.message),
    { method: error.upstream!.method, path: error.upstream!.path, status: error.status },
    error.chatwootMessage === undefined ? undefined : clean(error.chatwootMessage),
    error.invalidAttributes?.map(clean),
    error.retryAfterSeconds,
    error.denial,
  );
}

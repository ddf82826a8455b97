import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * CORS for browsers, by allow-list (GATEWAY_CORS_ORIGINS).
 *
 * Threat model: the gateway may use a server-side Chatwoot token, so a page on an unknown origin must not be able to
 * read its answers. With no list (the default) no CORS header is ever sent and browsers keep cross-origin pages out;
 * with a list, only an exactly matching Origin is echoed back (`*` allows any, for public Client API use).
 * CSRF is handled separately by Apollo's csrfPrevention, which stays on. `authorization` is allowed so that a page can
 * send its sign-in token (verified contact identity, src/identity/).
 */
export function createCors(origins: readonly string[]) {
  const any = origins.includes('*');
  const allowed = new Set(origins);

  /** Sets the CORS headers; returns true when it answered a preflight and the caller must do nothing more. */
  return function applyCors(req: IncomingMessage, res: ServerResponse): boolean {
    if (allowed.size === 0) return false;
    const origin = req.headers.origin;
    if (!origin || !(any || allowed.has(origin))) return false;
    res.setHeader('access-control-allow-origin', any ? '*' : origin);
    if (!any) res.setHeader('vary', 'Origin');
    res.setHeader('access-control-expose-headers', 'x-request-id');
    if (req.method !== 'OPTIONS') return false;
    res.setHeader('access-control-allow-methods', 'GET, POST, OPTIONS');
    res.setHeader(
      'access-control-allow-headers',
      'content-type, authorization, api-access-token, x-request-id, apollo-require-preflight, x-apollo-operation-name',
    );
    res.setHeader('access-control-max-age', '600');
    res.statusCode = 204;
    res.end();
    return true;
  };
}

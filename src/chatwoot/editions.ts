import { PolicyViolationError, UpstreamHttpError } from './errors';

/**
 * Chatwoot Enterprise adds routes the Community edition does not have (audit logs, reporting events). Asked for one
 * of them, a Community Chatwoot answers Rails' routing 404, which is not a missing record: the gateway says
 * FORBIDDEN with `reason: "enterprise_only"` so a client can tell "this server cannot" from "no such thing".
 *
 * The two 404s differ by their body. Chatwoot's controllers answer a missing record (here: an unknown account) with
 * `{"error":"Resource could not be found"}`; a route that does not exist gets Rails' own page (HTML, or
 * `{"status":404,"error":"Not Found"}`), which never carries that sentence.
 */

/** Which Chatwoot edition an operation needs. */
export type ChatwootEdition = 'COMMUNITY' | 'ENTERPRISE';

const RECORD_NOT_FOUND = /resource could not be found/i;

/** Whether a failure of an Enterprise-only operation is the route's absence rather than a missing record. */
export function isMissingEnterpriseRoute(error: unknown): error is UpstreamHttpError {
  return error instanceof UpstreamHttpError && error.status === 404 && !RECORD_NOT_FOUND.test(error.chatwootMessage ?? '');
}

/** The refusal a client gets when the Chatwoot behind the gateway has no such route. */
export function enterpriseOnlyError(error: UpstreamHttpError): PolicyViolationError {
  const call = error.upstream ? `${error.upstream.method} ${error.upstream.path}` : 'The call';
  return new PolicyViolationError(
    `This Chatwoot does not have this route (${call} answered HTTP 404): it exists in Chatwoot Enterprise only.`,
    undefined,
    'enterprise_only',
  );
}

/**
 * Typed failures of the Chatwoot adapter. The adapter throws only these (or a programming error); one boundary in
 * src/graphql/errors.ts turns them into GraphQL errors. Messages here are safe to show: they never hold a token,
 * a proxy credential or a raw upstream body.
 */

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/** Which upstream call failed; `status` is there when Chatwoot answered. */
export interface UpstreamCallInfo {
  method: HttpMethod;
  path: string;
  status?: number;
}

export abstract class ChatwootError extends Error {
  abstract readonly kind: string;
  constructor(
    message: string,
    readonly upstream?: UpstreamCallInfo,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** The caller asked for something the gateway refuses to send (blank identifier, option out of range, ...). */
export class InvalidRequestError extends ChatwootError {
  readonly kind = 'invalid_request';
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

/** The operator's policy forbids what the caller asked for (an insecure TLS call, a proxy not on the list, ...). */
export class PolicyViolationError extends ChatwootError {
  readonly kind = 'policy_violation';
  constructor(
    message: string,
    readonly field?: string,
    /** A stable word for why, such as `api_disabled`; shown to clients as `extensions.reason`. */
    readonly reason?: string,
  ) {
    super(message);
  }
}

/**
 * The call needs a credential the request did not bring (no caller token for the Application API). Raised before
 * anything is sent: the gateway never lends a token of its own in its place.
 */
export class CredentialRequiredError extends ChatwootError {
  readonly kind = 'credential_required';
  constructor(
    message: string,
    /** `missing_token`, or `missing_service_key` for the Platform API. */
    readonly reason: string,
  ) {
    super(message);
  }
}

/** Chatwoot answered with a status outside 2xx. */
export class UpstreamHttpError extends ChatwootError {
  readonly kind = 'http';
  constructor(
    message: string,
    upstream: UpstreamCallInfo & { status: number },
    /** Chatwoot's own explanation, when its body carried one. */
    readonly chatwootMessage?: string,
    /** Attribute names Chatwoot reported as invalid (snake_case, as Chatwoot names them). */
    readonly invalidAttributes?: readonly string[],
    /** Seconds Chatwoot asked us to wait, from Retry-After. */
    readonly retryAfterSeconds?: number,
    /** What Chatwoot's refusal means, read from its status and body (src/chatwoot/denials.ts). */
    readonly denial?: Denial,
  ) {
    super(message, upstream);
  }

  get status(): number {
    return this.upstream?.status ?? 0;
  }
}

/** The call's deadline passed before Chatwoot answered in full. */
export class UpstreamTimeoutError extends ChatwootError {
  readonly kind = 'timeout';
  constructor(
    message: string,
    upstream: UpstreamCallInfo,
    readonly timeoutMs: number,
  ) {
    super(message, upstream);
  }
}

/** The TLS handshake with Chatwoot failed (untrusted, expired or mismatched certificate, ...). */
export class UpstreamTlsError extends ChatwootError {
  readonly kind = 'tls';
  constructor(
    message: string,
    upstream: UpstreamCallInfo,
    readonly tlsCode: string,
  ) {
    super(message, upstream);
  }
}

/** Chatwoot (or the proxy in front of it) could not be reached, or answered with something that is not usable. */
export class UpstreamUnavailableError extends ChatwootError {
  readonly kind = 'unavailable';
  constructor(
    message: string,
    upstream: UpstreamCallInfo,
    readonly reason: UnavailableReason,
  ) {
    super(message, upstream);
  }
}

export type UnavailableReason =
  | 'connection_refused'
  | 'connection_reset'
  | 'dns'
  | 'proxy'
  | 'server_error'
  | 'invalid_response'
  | 'response_too_large'
  | 'network';

/**
 * Chatwoot answers most authorization failures with 401 whatever their cause; its body says which. `kind` is how the
 * gateway treats the refusal, `reason` a stable word for the cause (`role`, `not_member`, `plan_limit`, ...).
 */
export interface Denial {
  readonly kind: 'unauthenticated' | 'forbidden' | 'input';
  readonly reason: string;
}

/**
 * The request has used up its budget of upstream calls (GATEWAY_MAX_UPSTREAM_CALLS): this call was not sent.
 * `limit` names the bound and `maximum` its value, as the document limits do.
 */
export class CallBudgetExceededError extends ChatwootError {
  readonly kind = 'budget_exceeded';
  constructor(
    message: string,
    readonly limit: 'upstream_calls' | 'bulk_items',
    readonly maximum: number,
  ) {
    super(message);
  }
}

/**
 * The call was not sent: the client went away, or the gateway is shutting down, before it started. Nothing was
 * changed by it in Chatwoot, so it is safe to retry.
 */
export class CallNotAttemptedError extends ChatwootError {
  readonly kind = 'not_attempted';
  constructor(
    message: string,
    readonly reason: 'client_gone' | 'shutting_down',
  ) {
    super(message);
  }
}

/**
 * The closed catalogue of `extensions.code` values the gateway returns. Clients may switch on these; a new code is
 * a new version of the contract. README.md lists them with their meaning.
 */
export const ErrorCode = {
  /** The request is malformed or a value is invalid (blank identifier, bad e-mail, Chatwoot's 400/422). */
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  /**
   * The request lacks a credential the field needs (`reason: "missing_token"`: send your own token), Chatwoot
   * refused the token (`reason: "bad_token"`), or the identity bearer token was refused (`reason`: `expired`, ...).
   */
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  /**
   * Not allowed: the gateway's policy (`reason: "api_disabled"` for a switched-off API, or a refused request option),
   * or Chatwoot's (`reason`: `role`, `not_member`, `suspended`, `bot`, `not_permissible`, `api_disabled_for_account`,
   * `plan_limit`), or a caller-supplied identity that differs from the verified one (`reason: "identity_mismatch"`).
   */
  FORBIDDEN: 'FORBIDDEN',
  /** Chatwoot answered 404: the inbox, contact or other record does not exist. */
  NOT_FOUND: 'NOT_FOUND',
  /** Chatwoot answered 429; `retryAfterSeconds` says how long to wait when Chatwoot says so. */
  RATE_LIMITED: 'RATE_LIMITED',
  /** Chatwoot did not answer within the request's deadline. */
  UPSTREAM_TIMEOUT: 'UPSTREAM_TIMEOUT',
  /** The TLS connection to Chatwoot failed, typically an untrusted certificate. */
  UPSTREAM_TLS_ERROR: 'UPSTREAM_TLS_ERROR',
  /** Chatwoot (or the identity provider's JWKS) could not be reached, failed (5xx) or answered something unusable. */
  UPSTREAM_UNAVAILABLE: 'UPSTREAM_UNAVAILABLE',
  /** The GraphQL document could not be parsed. */
  GRAPHQL_PARSE_FAILED: 'GRAPHQL_PARSE_FAILED',
  /** The GraphQL document is not valid against the schema. */
  GRAPHQL_VALIDATION_FAILED: 'GRAPHQL_VALIDATION_FAILED',
  /** The operation name does not match an operation in the document. */
  OPERATION_RESOLUTION_FAILURE: 'OPERATION_RESOLUTION_FAILURE',
  /** Automatic persisted queries: the hash is unknown, send the full query once (clients do this by themselves). */
  PERSISTED_QUERY_NOT_FOUND: 'PERSISTED_QUERY_NOT_FOUND',
  /** Automatic persisted queries are turned off. */
  PERSISTED_QUERY_NOT_SUPPORTED: 'PERSISTED_QUERY_NOT_SUPPORTED',
  /**
   * The HTTP request itself is not a valid GraphQL request (wrong method, missing body, CSRF protection, a misplaced
   * upload, a subscription over HTTP, a request Node itself refuses).
   */
  BAD_REQUEST: 'BAD_REQUEST',
  /**
   * The document is too deep, too costly, has too many aliases or tokens, an `_entities` field too many
   * representations, or the request needs more upstream calls or bulk items than allowed; `limit` says which (depth,
   * cost, aliases, tokens, representations, upstream_calls, bulk_items) and `maximum` the configured value.
   */
  QUERY_LIMIT_EXCEEDED: 'QUERY_LIMIT_EXCEEDED',
  /**
   * The call to Chatwoot was not made, so nothing changed: the client went away, or the gateway began shutting down
   * (an item of a bulk operation whose batch had not started). `reason` says which; safe to retry.
   */
  NOT_ATTEMPTED: 'NOT_ATTEMPTED',
  /** The HTTP request body is larger than GATEWAY_MAX_BODY_BYTES (HTTP 413). */
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  /**
   * A bound of the realtime endpoint was reached: `limit` says which (connections, subscriptions) and `maximum` the
   * configured value.
   */
  REALTIME_LIMIT_EXCEEDED: 'REALTIME_LIMIT_EXCEEDED',
  /** Something unexpected failed inside the gateway; details are in the gateway's log, not in the response. */
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export const ERROR_CODES: readonly ErrorCode[] = Object.values(ErrorCode);

import { ErrorCode } from '../errors';

/**
 * Why the gateway refused to vouch for a caller. Each is a stable `extensions.reason` (README "Verified contact
 * identity"); clients may switch on them. Messages name the problem but never quote the token or a claim's value.
 */
export type IdentityRefusal =
  /** Not a JWT at all, or one that cannot be decoded. */
  | 'malformed'
  /** The `alg` is not in GATEWAY_IDENTITY_ALGORITHMS (or does not fit the configured key). */
  | 'unsupported_algorithm'
  /** The signature does not verify with the configured key. */
  | 'bad_signature'
  /** No key of the JWKS has the token's `kid`, even after a refetch. */
  | 'unknown_key'
  /** `exp` has passed. */
  | 'expired'
  /** `nbf` (or `iat`) lies in the future. */
  | 'not_yet_valid'
  | 'wrong_issuer'
  | 'wrong_audience'
  /** A required claim (`exp`, the identifier claim) is absent. */
  | 'missing_claim'
  /** A claim has the wrong type, or the identifier is not a usable string. */
  | 'invalid_claim'
  /** The caller's identifier or identifierHash is not the verified one. */
  | 'identity_mismatch'
  /** The JWKS endpoint could not be read in time, so no token can be checked. */
  | 'jwks_unavailable';

/** The catalogue code each refusal is reported under (src/errors.ts). */
export type IdentityErrorCode = typeof ErrorCode.UNAUTHENTICATED | typeof ErrorCode.FORBIDDEN | typeof ErrorCode.UPSTREAM_UNAVAILABLE;

/** A refusal decided before anything is sent to Chatwoot. The error boundary (src/graphql/errors.ts) maps it. */
export class IdentityError extends Error {
  readonly code: IdentityErrorCode;

  constructor(
    readonly reason: IdentityRefusal,
    message: string,
  ) {
    super(message);
    this.name = 'IdentityError';
    // A JWKS outage is not the caller's fault: UNAUTHENTICATED would send clients to sign the user in again.
    this.code =
      reason === 'identity_mismatch'
        ? ErrorCode.FORBIDDEN
        : reason === 'jwks_unavailable'
          ? ErrorCode.UPSTREAM_UNAVAILABLE
          : ErrorCode.UNAUTHENTICATED;
  }
}

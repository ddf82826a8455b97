import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IdentityConfig } from './config';
import { IdentityError } from './errors';
import { TokenVerifier, type VerifiedIdentity } from './verifier';

/** What Chatwoot receives for a contact on a configured inbox: the verified identifier and its HMAC. */
export interface ProvenIdentity {
  readonly identifier: string;
  readonly identifierHash: string;
  /** From the configured claims (null when not configured or absent); the caller decides where they apply. */
  readonly email: string | null;
  readonly name: string | null;
}

/** What a caller may have supplied itself (GraphQL arguments). */
export interface SuppliedProof {
  readonly identifier?: string | null;
  readonly identifierHash?: string | null;
}

/**
 * Chatwoot's identity proof: the lower-case hex HMAC-SHA256 of the identifier, keyed with the inbox's HMAC token.
 * This one HMAC is the only cryptography written here; token verification is jose's.
 */
export function identifierHash(hmacToken: string, identifier: string): string {
  return createHmac('sha256', hmacToken).update(identifier, 'utf8').digest('hex');
}

/**
 * Turns the site's verified sign-in token into Chatwoot's identity proof, for the inboxes in GATEWAY_INBOX_HMAC_TOKENS.
 * One per gateway; the HMAC tokens stay inside it (no getter returns them).
 */
export class IdentityService {
  private constructor(
    private readonly verifier: TokenVerifier,
    private readonly hmacTokens: ReadonlyMap<string, string>,
  ) {}

  static async create(config: IdentityConfig): Promise<IdentityService> {
    return new IdentityService(await TokenVerifier.create(config), config.hmacTokens);
  }

  /** Whether the gateway vouches for contacts of this inbox. */
  covers(inboxIdentifier: string): boolean {
    return this.hmacTokens.has(inboxIdentifier);
  }

  /** Verifies a bearer token (no HMAC involved); IdentityError with a reason when it cannot be trusted. */
  verify(token: string): Promise<VerifiedIdentity> {
    return this.verifier.verify(token);
  }

  /** The proof for `inboxIdentifier` from an already verified identity. */
  proofFor(inboxIdentifier: string, identity: VerifiedIdentity): ProvenIdentity {
    const hmacToken = this.hmacTokens.get(inboxIdentifier);
    if (hmacToken === undefined) throw new Error('proofFor called for an inbox the gateway does not cover');
    return { identifier: identity.identifier, identifierHash: identifierHash(hmacToken, identity.identifier), email: identity.email, name: identity.name };
  }

  /**
   * For callers outside an HTTP request (the conversationEvents subscription, with the token from graphql-ws
   * connectionParams): the proof to send for this inbox, or null when the inbox is not covered or no token was
   * given (then the caller's own proof, if any, goes to Chatwoot as it is). Rejects with IdentityError.
   */
  async proveIdentity(inboxIdentifier: string, bearerToken: string | null | undefined, supplied: SuppliedProof = {}): Promise<ProvenIdentity | null> {
    if (!this.covers(inboxIdentifier) || !bearerToken) return null;
    return checkSupplied(this.proofFor(inboxIdentifier, await this.verify(bearerToken)), supplied);
  }
}

/**
 * `proven`, unless the caller supplied an identifier or identifierHash of its own that is not the verified one:
 * then FORBIDDEN identity_mismatch, since the caller is asking to act as someone its token does not prove.
 */
export function checkSupplied(proven: ProvenIdentity, supplied: SuppliedProof): ProvenIdentity {
  if (supplied.identifier != null && supplied.identifier !== proven.identifier) throw mismatch('identifier');
  if (supplied.identifierHash != null && !sameText(supplied.identifierHash, proven.identifierHash)) throw mismatch('identifierHash');
  return proven;
}

function mismatch(field: 'identifier' | 'identifierHash'): IdentityError {
  return new IdentityError(
    'identity_mismatch',
    `The ${field} given does not match the identity of the verified bearer token; leave identifier and identifierHash out and the gateway sends the verified ones.`,
  );
}

/** Constant-time, so the comparison does not tell a caller how much of a guessed hash was right. */
function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  return left.length === right.length && timingSafeEqual(left, right);
}

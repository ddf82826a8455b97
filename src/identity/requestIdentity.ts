import { checkSupplied, type IdentityService, type ProvenIdentity, type SuppliedProof } from './service';
import { IdentityError } from './errors';
import type { VerifiedIdentity } from './verifier';

/**
 * The identity of one HTTP request, worked out lazily: the Authorization header is kept as it came and only parsed and
 * verified when an operation on a covered inbox needs it, and then once for the whole request however many fields
 * ask. A request that never touches a covered inbox pays nothing.
 */
export class RequestIdentity {
  private verification: Promise<VerifiedIdentity> | undefined;
  /** Per inbox, so that a bulk operation of many items computes each inbox's HMAC once. */
  private readonly proofs = new Map<string, ProvenIdentity>();

  constructor(
    private readonly service: IdentityService,
    private readonly authorization: string | null | undefined,
  ) {}

  /** Whether operations on this inbox go through `prove` (the gateway vouches for its contacts). */
  covers(inboxIdentifier: string): boolean {
    return this.service.covers(inboxIdentifier);
  }

  /**
   * The proof to send for `inboxIdentifier`: the verified one when a bearer token came, or null when none did (the
   * caller's own identifier and identifierHash then go to Chatwoot unchanged, as without this feature). Rejects with
   * IdentityError (UNAUTHENTICATED, FORBIDDEN identity_mismatch, or jwks_unavailable) before any upstream call.
   */
  async prove(inboxIdentifier: string, supplied: SuppliedProof = {}): Promise<ProvenIdentity | null> {
    const token = bearerToken(this.authorization);
    if (token === null) return null;
    this.verification ??= this.service.verify(token);
    const identity = await this.verification;
    let proven = this.proofs.get(inboxIdentifier);
    if (!proven) {
      proven = this.service.proofFor(inboxIdentifier, identity);
      this.proofs.set(inboxIdentifier, proven);
    }
    return checkSupplied(proven, supplied);
  }
}

/**
 * The token of an `Authorization: Bearer <token>` header; null without one or with another scheme (Basic auth added
 * by a proxy in front is not a sign-in token). `Bearer` with nothing after it is a malformed token, not an absent one.
 */
export function bearerToken(authorization: string | null | undefined): string | null {
  if (!authorization) return null;
  const match = /^\s*bearer(?:\s+(.*))?$/i.exec(authorization);
  if (!match) return null;
  const token = match[1]?.trim() ?? '';
  if (token === '') throw new IdentityError('malformed', 'The identity token was refused: the Authorization header says Bearer but carries no token.');
  return token;
}

/**
 * The Authorization value a graphql-ws client put in its `connectionParams` (`{ authorization: "Bearer <jwt>" }`, any
 * case of the key), for building the RequestIdentity of a websocket connection; null when there is none.
 */
export function authorizationFromConnectionParams(params: Readonly<Record<string, unknown>> | null | undefined): string | null {
  if (!params) return null;
  for (const [key, value] of Object.entries(params)) {
    if (key.toLowerCase() === 'authorization' && typeof value === 'string') return value;
  }
  return null;
}

import { createSecretKey, type KeyObject } from 'node:crypto';
import { errors, importSPKI, importX509, jwtVerify, type JWTPayload, type JWTVerifyGetKey, type JWTVerifyOptions } from 'jose';
import type { IdentityConfig } from './config';
import { IdentityError, type IdentityRefusal } from './errors';
import { remoteKeys } from './jwks';

/** Who a verified token says the caller is. */
export interface VerifiedIdentity {
  /** The Chatwoot contact `identifier` (GATEWAY_IDENTITY_CLAIM). */
  readonly identifier: string;
  /** From GATEWAY_IDENTITY_EMAIL_CLAIM / _NAME_CLAIM, when configured and the token carries a string there. */
  readonly email: string | null;
  readonly name: string | null;
}

/** A compact JWS is three base64url parts; anything far larger than a real sign-in token is refused unread. */
const MAX_TOKEN_LENGTH = 8_192;
/** Chatwoot refuses identifiers longer than this with a 422; the gateway refuses them before any call. */
const MAX_IDENTIFIER_LENGTH = 255;
/** Chatwoot's (Devise's) e-mail format check. */
const EMAIL = /^[^@\s]+@[^@\s]+$/;

/** Verifies the site's sign-in tokens with jose, against the configured key source, issuer, audience and algorithms. */
export class TokenVerifier {
  private readonly options: JWTVerifyOptions;

  private constructor(
    private readonly config: IdentityConfig,
    private readonly key: KeyObject | JWTVerifyGetKey,
  ) {
    this.options = {
      issuer: config.issuer ?? undefined,
      audience: config.audience.length > 0 ? [...config.audience] : undefined,
      algorithms: [...config.algorithms],
      clockTolerance: config.clockToleranceSeconds,
      // A token without an expiry would prove the identity for ever.
      requiredClaims: ['exp'],
    };
  }

  /** Imports the key (a PEM, the secret) or prepares the JWKS cache; nothing is fetched until a token needs it. */
  static async create(config: IdentityConfig): Promise<TokenVerifier> {
    const source = config.key;
    let key: KeyObject | JWTVerifyGetKey;
    if (source.kind === 'jwks') {
      key = remoteKeys({ url: source.url, timeoutMs: config.jwksTimeoutMs, cooldownMs: config.jwksCooldownMs, cacheMaxAgeMs: config.jwksCacheMaxAgeMs });
    } else if (source.kind === 'publicKey') {
      // The algorithm only checks the key's type at import; each token's alg is checked against the allow-list.
      const alg = config.algorithms[0] ?? 'RS256';
      const imported = source.pem.includes('BEGIN CERTIFICATE') ? await importX509(source.pem, alg) : await importSPKI(source.pem, alg);
      key = imported as KeyObject;
    } else {
      key = createSecretKey(Buffer.from(source.secret, 'utf8'));
    }
    return new TokenVerifier(config, key);
  }

  /** The identity in `token`, or IdentityError with the reason it cannot be trusted. */
  async verify(token: string): Promise<VerifiedIdentity> {
    if (token.length > MAX_TOKEN_LENGTH) throw refusal('malformed');
    let payload: JWTPayload;
    try {
      const options = this.options;
      // Two calls rather than one over a union: jose's overloads tell a key from a key function.
      payload =
        typeof this.key === 'function'
          ? (await jwtVerify(token, this.key, options)).payload
          : (await jwtVerify(token, this.key, options)).payload;
    } catch (error) {
      throw error instanceof IdentityError ? error : refusal(reasonFor(error));
    }
    return this.identityOf(payload);
  }

  private identityOf(payload: JWTPayload): VerifiedIdentity {
    const raw = payload[this.config.identifierClaim];
    if (raw === undefined || raw === null) throw refusal('missing_claim', `the "${this.config.identifierClaim}" claim is missing`);
    // Chatwoot compares the identifier as a string, so a numeric user id is as good as its digits.
    const identifier = typeof raw === 'number' && Number.isSafeInteger(raw) ? String(raw) : raw;
    if (typeof identifier !== 'string' || identifier.trim() === '' || identifier.length > MAX_IDENTIFIER_LENGTH) {
      throw refusal('invalid_claim', `the "${this.config.identifierClaim}" claim must be a non-empty string of at most ${MAX_IDENTIFIER_LENGTH} characters`);
    }
    const email = this.optionalClaim(payload, this.config.emailClaim);
    // Only an address Chatwoot would take: a claim that is not one is left out rather than failing the create.
    return { identifier, email: email !== null && EMAIL.test(email) ? email : null, name: this.optionalClaim(payload, this.config.nameClaim) };
  }

  private optionalClaim(payload: JWTPayload, claim: string | null): string | null {
    if (claim === null) return null;
    const value = payload[claim];
    return typeof value === 'string' && value.trim() !== '' && value.length <= MAX_IDENTIFIER_LENGTH ? value : null;
  }
}

const MESSAGES: Record<Exclude<IdentityRefusal, 'identity_mismatch' | 'jwks_unavailable'>, string> = {
  malformed: 'the bearer token is not a well-formed JWT',
  unsupported_algorithm: 'the token is signed with an algorithm this gateway does not accept',
  bad_signature: 'the token\'s signature does not verify',
  unknown_key: 'the token names a signing key (kid) the identity provider does not publish',
  expired: 'the token has expired',
  not_yet_valid: 'the token is not valid yet (nbf or iat lies in the future)',
  wrong_issuer: 'the token was issued by another issuer',
  wrong_audience: 'the token was issued for another audience',
  missing_claim: 'the token lacks a required claim',
  invalid_claim: 'a claim of the token has the wrong type',
};

function refusal(reason: keyof typeof MESSAGES, detail?: string): IdentityError {
  return new IdentityError(reason, `The identity token was refused: ${detail ?? MESSAGES[reason]}.`);
}

/** jose's error classes as refusal reasons. Anything unrecognised is treated as a malformed token: fail closed. */
function reasonFor(error: unknown): keyof typeof MESSAGES {
  if (error instanceof errors.JWTExpired) return 'expired';
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.reason === 'missing') return 'missing_claim';
    if (error.reason === 'invalid') return 'invalid_claim';
    if (error.claim === 'iss') return 'wrong_issuer';
    if (error.claim === 'aud') return 'wrong_audience';
    if (error.claim === 'nbf' || error.claim === 'iat') return 'not_yet_valid';
    return 'invalid_claim';
  }
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'bad_signature';
  if (error instanceof errors.JOSEAlgNotAllowed || error instanceof errors.JOSENotSupported) return 'unsupported_algorithm';
  if (error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWKSMultipleMatchingKeys) return 'unknown_key';
  // A key of the wrong type for the token's alg (an RSA key for an ES256 token, say) is an algorithm problem.
  if (error instanceof TypeError && /key/i.test(error.message)) return 'unsupported_algorithm';
  return 'malformed';
}

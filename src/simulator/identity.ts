import { SignJWT } from 'jose';
import type { IdentityConfig } from '../identity/config';
import type { DemoData } from './index';

/**
 * The demo identity setup `npm start` uses with the embedded simulator: the gateway verifies HS256 tokens signed with
 * a local, published secret, and vouches for the demo's identity-validated inbox with that inbox's HMAC token. The
 * secret is in this file for everyone to read, so it is only ever used with the simulator, never with a real Chatwoot.
 */
export const DEMO_IDENTITY = {
  secret: 'demo-only-identity-secret-of-the-embedded-simulator',
  issuer: 'https://sign-in.demo.invalid/',
  audience: 'chatwoot-graphql-gateway-demo',
} as const;

/** The identity configuration for the simulator's demo records. */
export function demoIdentityConfig(demo: DemoData): IdentityConfig {
  return {
    key: { kind: 'secret', secret: DEMO_IDENTITY.secret },
    issuer: DEMO_IDENTITY.issuer,
    audience: [DEMO_IDENTITY.audience],
    algorithms: ['HS256'],
    clockToleranceSeconds: 30,
    identifierClaim: 'sub',
    emailClaim: 'email',
    nameClaim: 'name',
    jwksTimeoutMs: 2_000,
    jwksCooldownMs: 30_000,
    jwksCacheMaxAgeMs: 600_000,
    hmacTokens: new Map([[demo.secureInboxIdentifier, demo.secureInboxHmacToken]]),
  };
}

/**
 * A token for the demo's verified contact, as a site's sign-in would issue it. It is valid for a year so that the
 * banner's example keeps working; real sign-in tokens should live minutes, not months.
 */
export function demoToken(demo: DemoData): Promise<string> {
  return new SignJWT({ email: 'bob@example.com', name: 'Bob Demo' })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(demo.secureContactExternalId)
    .setIssuer(DEMO_IDENTITY.issuer)
    .setAudience(DEMO_IDENTITY.audience)
    .setIssuedAt()
    .setExpirationTime('365d')
    .sign(Buffer.from(DEMO_IDENTITY.secret, 'utf8'));
}

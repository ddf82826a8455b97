import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { exportJWK, generateKeyPair, type JWK, type JWTPayload, SignJWT } from 'jose';
import { listenOnLoopback, type RunningServer } from './servers';

/** Identity settings the tests share: a secret of 40 bytes, an issuer and an audience. */
export const SECRET = 'test-identity-secret-0123456789-abcdefghij';
export const ISSUER = 'https://login.test.invalid/';
export const AUDIENCE = 'test-site';
/** Two inboxes the gateway vouches for, with their HMAC tokens; 'plainInbox' is not configured. */
export const INBOX = 'secureInbox0000000000001';
export const INBOX_HMAC = 'hmacTokenOfSecureInbox01';
export const OTHER_INBOX = 'secureInbox0000000000002';
export const OTHER_HMAC = 'hmacTokenOfSecureInbox02';

/** The env of a gateway verifying HS256 tokens with SECRET and vouching for INBOX and OTHER_INBOX. */
export function secretEnv(extra: Record<string, string> = {}): Record<string, string> {
  return {
    GATEWAY_IDENTITY_SECRET: SECRET,
    GATEWAY_IDENTITY_ISSUER: ISSUER,
    GATEWAY_IDENTITY_AUDIENCE: AUDIENCE,
    GATEWAY_IDENTITY_EMAIL_CLAIM: 'email',
    GATEWAY_IDENTITY_NAME_CLAIM: 'name',
    GATEWAY_INBOX_HMAC_TOKENS: `${INBOX}=${INBOX_HMAC},${OTHER_INBOX}=${OTHER_HMAC}`,
    ...extra,
  };
}

/** Chatwoot's check, computed here independently of the gateway's code. */
export function expectedHash(hmacToken: string, identifier: string): string {
  return createHmac('sha256', hmacToken).update(identifier).digest('hex');
}

export interface TokenOptions {
  /** The subject; 'user-42' by default, null for none. */
  readonly sub?: string | null;
  readonly claims?: JWTPayload;
  readonly issuer?: string | null;
  readonly audience?: string | null;
  /** Seconds from now; negative for an expired token; null for none. */
  readonly expiresIn?: number | null;
  readonly notBefore?: number;
  readonly alg?: string;
  readonly kid?: string;
}

/** A token as a site's sign-in would issue it, signed with `key` (SECRET by default). */
export async function signToken(options: TokenOptions = {}, key: Uint8Array | CryptoKeyLike = Buffer.from(SECRET, 'utf8')): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const jwt = new SignJWT({ ...options.claims }).setProtectedHeader({
    alg: options.alg ?? 'HS256',
    typ: 'JWT',
    ...(options.kid ? { kid: options.kid } : {}),
  });
  jwt.setIssuedAt(now);
  const subject = options.sub === undefined ? (options.claims && 'sub' in options.claims ? null : 'user-42') : options.sub;
  if (subject !== null) jwt.setSubject(subject);
  if (options.issuer !== null) jwt.setIssuer(options.issuer ?? ISSUER);
  if (options.audience !== null) jwt.setAudience(options.audience ?? AUDIENCE);
  if (options.expiresIn !== null) jwt.setExpirationTime(now + (options.expiresIn ?? 600));
  if (options.notBefore !== undefined) jwt.setNotBefore(now + options.notBefore);
  return jwt.sign(key as Uint8Array);
}

type CryptoKeyLike = Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];

export interface SigningKey {
  readonly kid: string;
  readonly privateKey: CryptoKeyLike;
  readonly jwk: JWK;
}

/** A fresh ES256 key pair with its public JWK, named `kid`. */
export async function signingKey(kid: string, alg = 'ES256'): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  return { kid, privateKey, jwk: { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' } };
}

export type JwksBehaviour = 'serve' | 'down' | 'hang' | 'trickle' | 'error';

/** A loopback JWKS endpoint whose key set and behaviour a test changes at will; it counts fetches. */
export interface JwksServer extends RunningServer {
  readonly jwksUrl: string;
  fetches: number;
  keys: JWK[];
  behaviour: JwksBehaviour;
  /** Cuts every fetch that is hanging or trickling. */
  dropPending(): void;
}

export async function startJwksServer(keys: JWK[]): Promise<JwksServer> {
  const state = { fetches: 0, keys, behaviour: 'serve' as JwksBehaviour };
  const pending = new Set<ServerResponse>();
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    state.fetches += 1;
    if (state.behaviour === 'down') {
      req.socket.destroy();
      return;
    }
    if (state.behaviour === 'error') {
      res.statusCode = 503;
      res.end('unavailable');
      return;
    }
    if (state.behaviour === 'hang') {
      pending.add(res);
      return;
    }
    if (state.behaviour === 'trickle') {
      // Headers at once, then a body that never ends: what jose's own timeout does not cover.
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"keys":[');
      pending.add(res);
      return;
    }
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ keys: state.keys }));
  });
  const running = await listenOnLoopback(server);
  return Object.assign(state, running, {
    jwksUrl: `${running.url}/.well-known/jwks.json`,
    dropPending: () => {
      for (const res of pending) res.destroy();
      pending.clear();
    },
    close: async () => {
      for (const res of pending) res.destroy();
      await running.close();
    },
  }) as JwksServer;
}

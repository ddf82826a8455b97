import { createPublicKey } from 'node:crypto';
import { readFileSync } from 'node:fs';

/**
 * The identity section of the configuration (README "Verified contact identity"): how the site's sign-in tokens are
 * verified and which inboxes the gateway may vouch for. Read by loadConfig with every other variable, so that its
 * problems are reported together with theirs. No message ever repeats a secret: entries are named by position.
 */

/** Where the keys that sign the site's tokens come from: exactly one of the three. */
export type IdentityKeySource =
  | { readonly kind: 'jwks'; readonly url: string }
  | { readonly kind: 'publicKey'; readonly pem: string }
  | { readonly kind: 'secret'; readonly secret: string };

export interface IdentityConfig {
  readonly key: IdentityKeySource;
  /** The `iss` every token must carry; required with a JWKS or a public key. */
  readonly issuer: string | null;
  /** The `aud` every token must carry (one of them); required with a JWKS or a public key. */
  readonly audience: readonly string[];
  /** The `alg` header values accepted; anything else (and `none`, always) is refused. */
  readonly algorithms: readonly string[];
  /** Seconds of clock skew allowed on `exp`, `nbf` and `iat`. */
  readonly clockToleranceSeconds: number;
  /** The claim that is the Chatwoot contact `identifier`. */
  readonly identifierClaim: string;
  /** The claims that fill a new contact's e-mail and name, or null to leave them to the caller. */
  readonly emailClaim: string | null;
  readonly nameClaim: string | null;
  /** JWKS only: how long a fetch may take before the key lookup fails closed. */
  readonly jwksTimeoutMs: number;
  /** JWKS only: the shortest time between two fetches (a token with an unknown `kid` refetches at most this often). */
  readonly jwksCooldownMs: number;
  /** JWKS only: how long fetched keys are used before they are fetched again. */
  readonly jwksCacheMaxAgeMs: number;
  /** Inbox identifier → that inbox's HMAC token. Never logged, never sent anywhere. */
  readonly hmacTokens: ReadonlyMap<string, string>;
}

export const SYMMETRIC_ALGORITHMS = ['HS256', 'HS384', 'HS512'] as const;
export const ASYMMETRIC_ALGORITHMS = [
  'RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA',
] as const;
/** HS256 needs a key at least as long as its output (RFC 7518 §3.2). */
export const MIN_SECRET_BYTES = 32;

type Env = Readonly<Record<string, string | undefined>>;

/** Reads the identity variables; null when none of them is set (the feature is off and costs nothing). */
export function readIdentityConfig(env: Env, problems: string[]): IdentityConfig | null {
  const get = (name: string): string | undefined => {
    const value = env[name]?.trim();
    return value ? value : undefined;
  };
  const jwksUrl = get('GATEWAY_IDENTITY_JWKS_URL');
  const pem = get('GATEWAY_IDENTITY_PUBLIC_KEY');
  const secret = env.GATEWAY_IDENTITY_SECRET ? env.GATEWAY_IDENTITY_SECRET : undefined;
  const tokensRaw = get('GATEWAY_INBOX_HMAC_TOKENS');
  const sources = [jwksUrl, pem, secret].filter((v) => v !== undefined).length;

  if (sources === 0 && tokensRaw === undefined) {
    const stray = IDENTITY_VARIABLES.filter((name) => get(name) !== undefined);
    if (stray.length > 0) {
      problems.push(`${stray.join(', ')} ${stray.length === 1 ? 'is' : 'are'} set, but identity verification is off: set GATEWAY_IDENTITY_JWKS_URL, GATEWAY_IDENTITY_PUBLIC_KEY or GATEWAY_IDENTITY_SECRET, and GATEWAY_INBOX_HMAC_TOKENS.`);
    }
    return null;
  }
  if (sources > 1) {
    problems.push('Set only one of GATEWAY_IDENTITY_JWKS_URL, GATEWAY_IDENTITY_PUBLIC_KEY and GATEWAY_IDENTITY_SECRET.');
  }
  if (sources === 0) {
    problems.push('GATEWAY_INBOX_HMAC_TOKENS is set, so tokens must be verified: set GATEWAY_IDENTITY_JWKS_URL, GATEWAY_IDENTITY_PUBLIC_KEY or GATEWAY_IDENTITY_SECRET.');
  }
  if (tokensRaw === undefined) {
    problems.push('Identity verification is configured but GATEWAY_INBOX_HMAC_TOKENS is not: list the inboxes the gateway may vouch for as inboxIdentifier=hmacToken pairs.');
  }

  const key = readKeySource(jwksUrl, pem, secret, problems);
  const asymmetric = key?.kind !== 'secret';
  const issuer = get('GATEWAY_IDENTITY_ISSUER') ?? null;
  const audience = (get('GATEWAY_IDENTITY_AUDIENCE') ?? '').split(',').map((a) => a.trim()).filter(Boolean);
  // A provider's keys sign tokens for every application it serves: without iss and aud, a token meant for another
  // site would be accepted here. A secret belongs to this gateway alone, so the checks are optional there.
  if (key && asymmetric && issuer === null) problems.push('GATEWAY_IDENTITY_ISSUER is required with a JWKS URL or a public key (the `iss` your provider puts in its tokens).');
  if (key && asymmetric && audience.length === 0) problems.push('GATEWAY_IDENTITY_AUDIENCE is required with a JWKS URL or a public key (the `aud` your provider issues for this site).');

  return {
    key: key ?? { kind: 'secret', secret: '' },
    issuer,
    audience,
    algorithms: readAlgorithms(get('GATEWAY_IDENTITY_ALGORITHMS'), key, problems),
    clockToleranceSeconds: readInteger('GATEWAY_IDENTITY_CLOCK_TOLERANCE_S', get('GATEWAY_IDENTITY_CLOCK_TOLERANCE_S'), 30, 0, 600, problems),
    identifierClaim: get('GATEWAY_IDENTITY_CLAIM') ?? 'sub',
    emailClaim: get('GATEWAY_IDENTITY_EMAIL_CLAIM') ?? null,
    nameClaim: get('GATEWAY_IDENTITY_NAME_CLAIM') ?? null,
    jwksTimeoutMs: readInteger('GATEWAY_IDENTITY_JWKS_TIMEOUT_MS', get('GATEWAY_IDENTITY_JWKS_TIMEOUT_MS'), 2_000, 100, 30_000, problems),
    jwksCooldownMs: readInteger('GATEWAY_IDENTITY_JWKS_COOLDOWN_MS', get('GATEWAY_IDENTITY_JWKS_COOLDOWN_MS'), 30_000, 0, 3_600_000, problems),
    jwksCacheMaxAgeMs: readInteger('GATEWAY_IDENTITY_JWKS_MAX_AGE_MS', get('GATEWAY_IDENTITY_JWKS_MAX_AGE_MS'), 600_000, 1_000, 86_400_000, problems),
    hmacTokens: tokensRaw === undefined ? new Map() : readHmacTokens(tokensRaw, problems),
  };
}

/** Every variable of this section, in README order. */
export const IDENTITY_VARIABLES = [
  'GATEWAY_IDENTITY_JWKS_URL', 'GATEWAY_IDENTITY_PUBLIC_KEY', 'GATEWAY_IDENTITY_SECRET', 'GATEWAY_IDENTITY_ISSUER',
  'GATEWAY_IDENTITY_AUDIENCE', 'GATEWAY_IDENTITY_ALGORITHMS', 'GATEWAY_IDENTITY_CLOCK_TOLERANCE_S', 'GATEWAY_IDENTITY_CLAIM',
  'GATEWAY_IDENTITY_EMAIL_CLAIM', 'GATEWAY_IDENTITY_NAME_CLAIM', 'GATEWAY_IDENTITY_JWKS_TIMEOUT_MS',
  'GATEWAY_IDENTITY_JWKS_COOLDOWN_MS', 'GATEWAY_IDENTITY_JWKS_MAX_AGE_MS', 'GATEWAY_INBOX_HMAC_TOKENS',
] as const;

function readKeySource(jwksUrl: string | undefined, pem: string | undefined, secret: string | undefined, problems: string[]): IdentityKeySource | null {
  if (jwksUrl !== undefined) {
    let url: URL | undefined;
    try {
      url = new URL(jwksUrl);
    } catch {
      url = undefined;
    }
    if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:') || url.username || url.password) {
      problems.push('GATEWAY_IDENTITY_JWKS_URL must be an https:// (or http://) URL without credentials, such as https://example.auth0.com/.well-known/jwks.json.');
      return null;
    }
    return { kind: 'jwks', url: url.href };
  }
  if (pem !== undefined) {
    // Newlines often arrive escaped when a PEM is put in one environment line.
    const text = pem.replace(/\\n/g, '\n');
    try {
      createPublicKey(text);
    } catch {
      problems.push('GATEWAY_IDENTITY_PUBLIC_KEY must be a PEM public key (-----BEGIN PUBLIC KEY-----) or certificate (-----BEGIN CERTIFICATE-----).');
      return null;
    }
    if (/PRIVATE KEY/.test(text)) {
      problems.push('GATEWAY_IDENTITY_PUBLIC_KEY holds a private key; give the gateway only the public key.');
      return null;
    }
    return { kind: 'publicKey', pem: text };
  }
  if (secret !== undefined) {
    if (Buffer.byteLength(secret, 'utf8') < MIN_SECRET_BYTES) {
      problems.push(`GATEWAY_IDENTITY_SECRET must be at least ${MIN_SECRET_BYTES} bytes long (HS256 needs a key as long as its output); generate one with \`openssl rand -base64 48\`.`);
      return null;
    }
    return { kind: 'secret', secret };
  }
  return null;
}

function readAlgorithms(raw: string | undefined, key: IdentityKeySource | null, problems: string[]): string[] {
  const symmetric = key?.kind === 'secret';
  const fallback = symmetric ? ['HS256'] : ['RS256', 'ES256'];
  if (raw === undefined) return fallback;
  const allowed: readonly string[] = symmetric ? SYMMETRIC_ALGORITHMS : ASYMMETRIC_ALGORITHMS;
  const listed = raw.split(',').map((a) => a.trim()).filter(Boolean);
  const wrong = listed.filter((a) => !allowed.includes(a));
  if (wrong.length > 0 || listed.length === 0) {
    problems.push(`GATEWAY_IDENTITY_ALGORITHMS must list algorithms from ${allowed.join(', ')} for ${symmetric ? 'a shared secret' : 'public keys'} (got "${raw}").`);
    return fallback;
  }
  return listed;
}

function readInteger(name: string, raw: string | undefined, fallback: number, min: number, max: number, problems: string[]): number {
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    problems.push(`${name} must be a whole number from ${min} to ${max} (got "${raw}").`);
    return fallback;
  }
  return Number(raw);
}

/**
 * `inbox=token` pairs separated by commas or new lines, given inline or in a file (a value with no `=` is a path).
 * A file keeps the tokens out of the process environment, which other tools on the host may read.
 */
function readHmacTokens(raw: string, problems: string[]): Map<string, string> {
  let text = raw;
  if (!raw.includes('=')) {
    try {
      text = readFileSync(raw, 'utf8');
    } catch {
      problems.push('GATEWAY_INBOX_HMAC_TOKENS is neither inboxIdentifier=hmacToken pairs nor a readable file holding them.');
      return new Map();
    }
  }
  const tokens = new Map<string, string>();
  const entries = text.split(/[,\n]/).map((e) => e.trim()).filter((e) => e !== '' && !e.startsWith('#'));
  for (const [index, entry] of entries.entries()) {
    const eq = entry.indexOf('=');
    const inbox = eq === -1 ? '' : entry.slice(0, eq).trim();
    const token = eq === -1 ? '' : entry.slice(eq + 1).trim();
    // Entries are named by position only: a malformed one may still hold a token.
    if (!inbox || !token) problems.push(`GATEWAY_INBOX_HMAC_TOKENS: entry ${index + 1} is not inboxIdentifier=hmacToken.`);
    else if (tokens.has(inbox)) problems.push(`GATEWAY_INBOX_HMAC_TOKENS: entry ${index + 1} names inbox ${inbox} a second time.`);
    else tokens.set(inbox, token);
  }
  if (entries.length === 0) problems.push('GATEWAY_INBOX_HMAC_TOKENS holds no inboxIdentifier=hmacToken pairs.');
  return tokens;
}

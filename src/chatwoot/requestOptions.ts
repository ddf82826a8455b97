import { createHmac, randomBytes } from 'node:crypto';
import {
  BATCH_INTERVAL_MS_MAX,
  BATCH_SIZE_MAX,
  type GatewayConfig,
  parseProxyUrl,
  proxyOrigin,
  TIMEOUT_MS_MAX,
} from '../config';
import { InvalidRequestError, PolicyViolationError } from './errors';

/**
 * Per-request options and the operator's policy over them.
 *
 * Threat model: the options come from whoever can reach the gateway, often a browser. Letting such a caller switch
 * TLS verification off, or send the gateway's traffic (and the Chatwoot token) through a proxy of its choosing, would
 * turn the gateway into an open relay or a man-in-the-middle helper. So both are refused unless the operator opted
 * in (GATEWAY_ALLOW_INSECURE_TLS, GATEWAY_ALLOWED_PROXIES), and every refusal happens here, before any connection.
 * A proxy URL may carry credentials; they are kept only to build the Proxy-Authorization header and never appear in
 * a message, a log line or a cache key in clear.
 */

/** What a caller may ask for one request; every field optional. Mirrors the GraphQL RequestOptionsInput. */
export interface RequestOptions {
  timeoutMs?: number | null;
  ignoreSslIssues?: boolean | null;
  proxy?: string | null;
  batching?: BatchingOptions | null;
}

/** Mirrors the GraphQL BatchingInput. */
export interface BatchingOptions {
  itemsPerBatch?: number | null;
  batchIntervalMs?: number | null;
}

/** A per-request proxy after validation. */
export interface ResolvedProxy {
  /** `scheme://host:port`, without credentials: what undici connects to. */
  readonly origin: string;
  /** `host:port`, for messages. */
  readonly host: string;
  /** The Proxy-Authorization value built from the URL's user info, if it had any. */
  readonly authorization?: string;
  /** Tells proxies with different credentials apart without holding the credentials in clear. */
  readonly credentialsDigest?: string;
}

/** How a bulk operation paces its upstream calls. */
export interface ResolvedBatching {
  readonly itemsPerBatch: number;
  readonly batchIntervalMs: number;
}

/** The options of one upstream call after server defaults and policy are applied. */
export interface ResolvedRequestOptions {
  readonly timeoutMs: number;
  readonly ignoreSslIssues: boolean;
  /** null: no per-request proxy (the standard HTTP(S)_PROXY variables still apply). */
  readonly proxy: ResolvedProxy | null;
  readonly batching: ResolvedBatching;
}

/** Server defaults and policy. Everything but the timeout is optional, with the safe value as its default. */
export interface RequestOptionsDefaults {
  readonly defaultTimeoutMs: number;
  /** Default false: ignoreSslIssues is refused with FORBIDDEN. */
  readonly allowInsecureTls?: boolean;
  /** Allowed per-request proxies as `scheme://host:port` (see proxyOrigin). Default empty: every proxy is refused. */
  readonly allowedProxies?: readonly string[];
  /** Default 10. */
  readonly defaultBatchSize?: number;
  /** Default 0. */
  readonly defaultBatchIntervalMs?: number;
}

export const DEFAULT_BATCH_SIZE = 10;

/** The adapter settings that come from the request-options block of the configuration. */
export function requestOptionSettings(config: GatewayConfig) {
  const policy = config.requestOptions;
  return {
    allowInsecureTls: policy.allowInsecureTls,
    allowedProxies: policy.allowedProxies,
    defaultBatchSize: policy.defaultBatchSize,
    defaultBatchIntervalMs: policy.defaultBatchIntervalMs,
    maxBulkItems: policy.maxBulkItems,
    env: policy.proxyEnv,
  };
}

/** Keys the credentials digest, so that even a dumped cache key cannot be checked against guessed passwords. */
const DIGEST_KEY = randomBytes(32);

/**
 * Applies the server's defaults and policy to what the caller asked for.
 * Throws InvalidRequestError naming the field when a value is out of range, and PolicyViolationError naming the
 * field when the operator's policy forbids it.
 */
export function resolveRequestOptions(
  requested: RequestOptions | null | undefined,
  defaults: RequestOptionsDefaults,
): ResolvedRequestOptions {
  const timeoutMs = wholeNumber(requested?.timeoutMs ?? defaults.defaultTimeoutMs, 1, TIMEOUT_MS_MAX, 'options.timeoutMs');
  const batching: ResolvedBatching = {
    itemsPerBatch: wholeNumber(
      requested?.batching?.itemsPerBatch ?? defaults.defaultBatchSize ?? DEFAULT_BATCH_SIZE,
      1,
      BATCH_SIZE_MAX,
      'options.batching.itemsPerBatch',
    ),
    batchIntervalMs: wholeNumber(
      requested?.batching?.batchIntervalMs ?? defaults.defaultBatchIntervalMs ?? 0,
      0,
      BATCH_INTERVAL_MS_MAX,
      'options.batching.batchIntervalMs',
    ),
  };

  const ignoreSslIssues = requested?.ignoreSslIssues === true;
  if (ignoreSslIssues && !defaults.allowInsecureTls) {
    throw new PolicyViolationError(
      'options.ignoreSslIssues is not allowed by this gateway: its operator has not set GATEWAY_ALLOW_INSECURE_TLS=true. ' +
        "Ask the operator to trust Chatwoot's certificate (NODE_EXTRA_CA_CERTS) instead.",
      'options.ignoreSslIssues',
    );
  }

  const proxy = requested?.proxy == null ? null : resolveProxy(requested.proxy, defaults.allowedProxies ?? []);
  return { timeoutMs, ignoreSslIssues, proxy, batching };
}

function resolveProxy(raw: string, allowed: readonly string[]): ResolvedProxy {
  const url = parseProxyUrl(raw.trim());
  if (!url) {
    // The value is not repeated: it may hold credentials.
    throw new InvalidRequestError(
      'options.proxy must be a proxy URL of the form http://[user:password@]host:port or https://[user:password@]host:port.',
      'options.proxy',
    );
  }
  const origin = proxyOrigin(url);
  const host = origin.slice(origin.indexOf('//') + 2);
  if (!allowed.includes(origin)) {
    throw new PolicyViolationError(
      `The proxy ${origin} is not on this gateway's list of allowed proxies (GATEWAY_ALLOWED_PROXIES).`,
      'options.proxy',
    );
  }
  if (!url.username && !url.password) return { origin, host };
  let credentials: string;
  try {
    credentials = `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`;
  } catch {
    throw new InvalidRequestError('options.proxy has a malformed %-escape in its user name or password.', 'options.proxy');
  }
  return {
    origin,
    host,
    authorization: `Basic ${Buffer.from(credentials, 'utf8').toString('base64')}`,
    credentialsDigest: createHmac('sha256', DIGEST_KEY).update(credentials).digest('base64url'),
  };
}

function wholeNumber(value: number, min: number, max: number, field: string): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new InvalidRequestError(`${field} must be a whole number from ${min} to ${max} (got ${value}).`, field);
  }
  return value;
}

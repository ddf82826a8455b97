import { Agent, EnvHttpProxyAgent, ProxyAgent, type Dispatcher } from 'undici';
import type { ResolvedRequestOptions } from './requestOptions';

export interface DispatcherPoolSettings {
  /** Keep-alive sockets per Chatwoot origin, per dispatcher. */
  readonly connectionsPerOrigin: number;
  /** How long an idle keep-alive socket is kept. */
  readonly keepAliveTimeoutMs: number;
  /**
   * The standard HTTP_PROXY / HTTPS_PROXY / NO_PROXY variables (lower-case spellings are read too). They apply to
   * calls without a per-request proxy.
   */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The most dispatchers kept at once; the least recently used one is closed to make room. Default 32. */
  readonly maxDispatchers?: number;
}

export const DEFAULT_MAX_DISPATCHERS = 32;

/**
 * Pooled keep-alive dispatchers, one per distinct (proxy, TLS) combination, created on first use and reused for
 * every later call with the same combination. Nothing here is created per request. The cache is bounded: callers
 * choose the proxy credentials, so without a bound they could make the gateway hold any number of connection pools.
 */
export class DispatcherPool {
  /** In least-recently-used-first order: a hit moves its entry to the end. */
  private readonly dispatchers = new Map<string, Dispatcher>();
  private readonly closing = new Set<Promise<void>>();
  private readonly maxDispatchers: number;
  /**
   * The last options asked for, by identity, and their dispatcher: the transport passes one frozen object for every
   * call without options (nearly all), which then costs no key string and no map update. Skipping the LRU update is
   * exact: an entry stays the last one asked for only while no other is asked for, so it is the newest anyway.
   */
  private last: { readonly options: ResolvedRequestOptions; readonly key: string; readonly dispatcher: Dispatcher } | undefined;

  constructor(private readonly settings: DispatcherPoolSettings) {
    this.maxDispatchers = Math.max(1, settings.maxDispatchers ?? DEFAULT_MAX_DISPATCHERS);
  }

  /** The dispatcher for these options. */
  get(options: ResolvedRequestOptions): Dispatcher {
    if (this.last?.options === options) return this.last.dispatcher;
    const key = dispatcherKey(options);
    let dispatcher = this.dispatchers.get(key);
    if (dispatcher) {
      this.dispatchers.delete(key);
    } else {
      dispatcher = this.create(options);
      this.evictIfFull();
    }
    this.dispatchers.set(key, dispatcher);
    this.last = { options, key, dispatcher };
    return dispatcher;
  }

  /** How many dispatchers exist now. */
  get size(): number {
    return this.dispatchers.size;
  }

  /** Closes every dispatcher, letting calls in flight finish. */
  async close(): Promise<void> {
    for (const dispatcher of this.dispatchers.values()) this.retire(dispatcher);
    this.dispatchers.clear();
    this.last = undefined;
    await Promise.allSettled([...this.closing]);
  }

  private evictIfFull(): void {
    while (this.dispatchers.size >= this.maxDispatchers) {
      const [oldestKey, oldest] = this.dispatchers.entries().next().value as [string, Dispatcher];
      this.dispatchers.delete(oldestKey);
      // The last one asked for is always the newest entry (any other request replaces it), so it is the oldest only
      // when it is alone; a closed dispatcher must never be handed out again.
      if (oldestKey === this.last?.key) this.last = undefined;
      this.retire(oldest);
    }
  }

  /** close() lets calls already sent on it finish; the promise is kept so that close() of the pool waits for it. */
  private retire(dispatcher: Dispatcher): void {
    const done: Promise<void> = dispatcher.close().catch(() => undefined);
    this.closing.add(done);
    void done.finally(() => this.closing.delete(done));
  }

  private create(options: ResolvedRequestOptions): Dispatcher {
    const tls = options.ignoreSslIssues ? { rejectUnauthorized: false } : undefined;
    const agentOptions = {
      connections: this.settings.connectionsPerOrigin,
      keepAliveTimeout: this.settings.keepAliveTimeoutMs,
      // The call's own deadline governs; undici's 300 s defaults must not cut a longer one short.
      headersTimeout: 0,
      bodyTimeout: 0,
    };

    if (options.proxy) {
      // Credentials go in as the Proxy-Authorization token, never inside the URL undici keeps.
      return new ProxyAgent({
        ...agentOptions,
        uri: options.proxy.origin,
        token: options.proxy.authorization,
        requestTls: tls,
      });
    }
    const env = this.settings.env;
    const httpProxy = env.HTTP_PROXY || env.http_proxy || '';
    const httpsProxy = env.HTTPS_PROXY || env.https_proxy || '';
    if (httpProxy || httpsProxy) {
      // Empty strings rather than undefined: undici would otherwise fall back to reading process.env itself.
      return new EnvHttpProxyAgent({
        ...agentOptions,
        connect: tls,
        requestTls: tls,
        httpProxy,
        httpsProxy,
        noProxy: env.NO_PROXY || env.no_proxy || '',
      });
    }
    return new Agent({ ...agentOptions, connect: tls });
  }
}

/** What tells two dispatchers apart: the proxy (with a keyed digest of its credentials) and TLS verification. */
function dispatcherKey(options: ResolvedRequestOptions): string {
  const proxy = options.proxy ? `${options.proxy.origin}#${options.proxy.credentialsDigest ?? ''}` : 'env';
  return `${proxy}|tls=${options.ignoreSslIssues ? 'insecure' : 'verify'}`;
}

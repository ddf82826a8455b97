import { Agent, EnvHttpProxyAgent, type Dispatcher } from 'undici';
import type { ResolvedRequestOptions } from './requestOptions';

export interface DispatcherPoolSettings {
  /** Keep-alive sockets per Chatwoot origin, per dispatcher. */
  readonly connectionsPerOrigin: number;
  /** How long an idle keep-alive socket is kept. */
  readonly keepAliveTimeoutMs: number;
  /** The process environment, for the standard HTTP_PROXY / HTTPS_PROXY / NO_PROXY variables. */
  readonly env: Readonly<Record<string, string | undefined>>;
}

/**
 * Pooled keep-alive dispatchers, one per distinct set of connection options, created on first use and reused for
 * every later call with the same options. Nothing here is created per request.
 */
export class DispatcherPool {
  private readonly dispatchers = new Map<string, Dispatcher>();

  constructor(private readonly settings: DispatcherPoolSettings) {}

  /** The dispatcher for these options. */
  get(_options: ResolvedRequestOptions): Dispatcher {
    const key = 'default';
    let dispatcher = this.dispatchers.get(key);
    if (!dispatcher) {
      dispatcher = this.create();
      this.dispatchers.set(key, dispatcher);
    }
    return dispatcher;
  }

  /** How many dispatchers exist now. */
  get size(): number {
    return this.dispatchers.size;
  }

  /** Closes every dispatcher, letting calls in flight finish. */
  async close(): Promise<void> {
    const closing = [...this.dispatchers.values()].map((d) => d.close());
    this.dispatchers.clear();
    await Promise.allSettled(closing);
  }

  private create(): Dispatcher {
    const agentOptions = {
      connections: this.settings.connectionsPerOrigin,
      keepAliveTimeout: this.settings.keepAliveTimeoutMs,
      // The call's own deadline governs; undici's 300 s defaults must not cut a longer one short.
      headersTimeout: 0,
      bodyTimeout: 0,
    };
    return usesEnvProxy(this.settings.env)
      ? new EnvHttpProxyAgent({
          ...agentOptions,
          httpProxy: this.settings.env.HTTP_PROXY ?? this.settings.env.http_proxy,
          httpsProxy: this.settings.env.HTTPS_PROXY ?? this.settings.env.https_proxy,
          noProxy: this.settings.env.NO_PROXY ?? this.settings.env.no_proxy,
        })
      : new Agent(agentOptions);
  }
}

function usesEnvProxy(env: Readonly<Record<string, string | undefined>>): boolean {
  return Boolean(env.HTTP_PROXY || env.http_proxy || env.HTTPS_PROXY || env.https_proxy);
}

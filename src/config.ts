/**
 * Configuration is read from the environment once, at start-up, into a frozen object. Every problem is collected
 * and reported together, one line each, so an operator fixes them in one go rather than one restart at a time.
 */

export interface GatewayConfig {
  /** NODE_ENV as given ('' when unset): only 'development' shows stack traces, 'production' hides developer tools. */
  readonly nodeEnv: string;
  readonly server: {
    /** Interface to listen on. */
    readonly host: string;
    readonly port: number;
  };
  readonly chatwoot: {
    /** Chatwoot's base URL without a trailing slash, or null to run the embedded simulator. */
    readonly baseUrl: string | null;
    /** Token sent when the incoming request carries none. Never logged or echoed. */
    readonly apiAccessToken: string | null;
  };
  readonly upstream: {
    readonly defaultTimeoutMs: number;
    /** A Chatwoot answer larger than this is refused rather than buffered. */
    readonly maxResponseBytes: number;
  };
  readonly simulator: {
    /** Which Chatwoot release the embedded simulator imitates where releases differ. */
    readonly chatwootVersion: SimulatorChatwootVersion;
  };
  readonly explorer: ExplorerConfig;
}

export type SimulatorChatwootVersion = '4.15' | '4.16';

export const TIMEOUT_MS_MAX = 300_000;

export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Env = Readonly<Record<string, string | undefined>>;

/** Reads and validates the configuration; throws ConfigError listing every problem found. */
export function loadConfig(env: Env = process.env): GatewayConfig {
  const problems: string[] = [];
  const read = new EnvReader(env, problems);

  const config: GatewayConfig = {
    nodeEnv: read.string('NODE_ENV') ?? '',
    server: {
      host: read.string('HOST') ?? '127.0.0.1',
      port: read.integer('PORT', 4000, 0, 65535),
    },
    chatwoot: {
      baseUrl: read.baseUrl('CHATWOOT_BASE_URL'),
      apiAccessToken: read.string('CHATWOOT_API_ACCESS_TOKEN') ?? null,
    },
    upstream: {
      defaultTimeoutMs: read.integer('GATEWAY_DEFAULT_TIMEOUT_MS', 30_000, 1, TIMEOUT_MS_MAX),
      maxResponseBytes: read.integer('GATEWAY_MAX_RESPONSE_BYTES', 5 * 1024 * 1024, 1024, 1024 * 1024 * 1024),
    },
    simulator: {
      chatwootVersion: read.oneOf('CHATWOOT_SIMULATOR_VERSION', ['4.16', '4.15'] as const, '4.16'),
    },
    explorer: readExplorerConfig(read),
  };

  if (problems.length > 0) throw new ConfigError(problems);
  return deepFreeze(config);
}

// --- Explorer and introspection (issue 5) ---------------------------------------------------------------------------

/** The in-browser explorer (GraphiQL, served from the gateway's own origin) and schema introspection. */
export interface ExplorerConfig {
  /** GATEWAY_EXPLORER: serve GraphiQL at GET /graphql to browsers. Default: on, except when NODE_ENV=production. */
  readonly enabled: boolean;
  /** GATEWAY_INTROSPECTION: answer introspection queries. Default: the same as the explorer, which needs it. */
  readonly introspection: boolean;
}

function readExplorerConfig(read: EnvReader): ExplorerConfig {
  // Production hides developer tools unless the operator turns them on explicitly.
  const enabled = read.boolean('GATEWAY_EXPLORER', read.string('NODE_ENV') !== 'production');
  return { enabled, introspection: read.boolean('GATEWAY_INTROSPECTION', enabled) };
}

// -----------------------------------------------------------------------------------------------------------------------

/** Reads one variable at a time, recording a problem instead of throwing so that all are reported. */
class EnvReader {
  constructor(
    private readonly env: Env,
    private readonly problems: string[],
  ) {}

  /** A trimmed value, or undefined when unset or blank. */
  string(name: string): string | undefined {
    const value = this.env[name]?.trim();
    return value ? value : undefined;
  }

  integer(name: string, fallback: number, min: number, max: number): number {
    const raw = this.string(name);
    if (raw === undefined) return fallback;
    if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
      this.problems.push(`${name} must be a whole number from ${min} to ${max} (got "${raw}").`);
      return fallback;
    }
    return Number(raw);
  }

  boolean(name: string, fallback: boolean): boolean {
    const raw = this.string(name)?.toLowerCase();
    if (raw === undefined) return fallback;
    if (['true', '1', 'yes', 'on'].includes(raw)) return true;
    if (['false', '0', 'no', 'off'].includes(raw)) return false;
    this.problems.push(`${name} must be true or false (got "${raw}").`);
    return fallback;
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const raw = this.string(name);
    if (raw === undefined) return fallback;
    if ((allowed as readonly string[]).includes(raw)) return raw as T;
    this.problems.push(`${name} must be one of ${allowed.join(', ')} (got "${raw}").`);
    return fallback;
  }

  /** An http(s) URL with no credentials, query or fragment; returned without its trailing slash. */
  baseUrl(name: string): string | null {
    const raw = this.string(name);
    if (raw === undefined) return null;
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      this.problems.push(`${name} must be an absolute http:// or https:// URL such as https://chatwoot.example.com.`);
      return null;
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      this.problems.push(`${name} must use http:// or https:// (got ${url.protocol}//).`);
      return null;
    }
    if (url.username || url.password) {
      this.problems.push(`${name} must not hold credentials; set CHATWOOT_API_ACCESS_TOKEN instead.`);
      return null;
    }
    if (url.search || url.hash) {
      this.problems.push(`${name} must not have a query string or fragment.`);
      return null;
    }
    return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
  }
}

function deepFreeze<T extends object>(value: T): T {
  for (const child of Object.values(value)) {
    if (child !== null && typeof child === 'object' && !Object.isFrozen(child)) deepFreeze(child as object);
  }
  return Object.freeze(value);
}

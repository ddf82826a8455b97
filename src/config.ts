import { createHash } from 'node:crypto';
import { type IdentityConfig, readIdentityConfig } from './identity/config';

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
    /**
     * Token sent on Client API calls when the incoming request carries none (Chatwoot ignores it there). Never sent on
     * an Application or Platform call. Never logged or echoed.
     */
    readonly apiAccessToken: string | null;
    /** The Platform App token: sent on Platform API calls only, for service principals. Never logged or echoed. */
    readonly platformAppToken: string | null;
    /** Chatwoot's conversation page size (its server's CONVERSATION_RESULTS_PER_PAGE), default 25. */
    readonly conversationsPerPage: number;
  };
  /** Which of Chatwoot's APIs the gateway serves; deny by default. */
  readonly apis: {
    /** GATEWAY_APPLICATION_API: `me`, `account` and the Application mutations, with the caller's own token only. */
    readonly application: boolean;
    /** GATEWAY_PLATFORM_API: the Platform fields, for service principals only. */
    readonly platform: boolean;
    /** Whether GATEWAY_APPLICATION_API was set at all (npm start switches it on for the simulator when it was not). */
    readonly applicationExplicit: boolean;
  };
  readonly platform: PlatformConfig;
  readonly upstream: {
    readonly defaultTimeoutMs: number;
    /** A Chatwoot answer larger than this is refused rather than buffered. */
    readonly maxResponseBytes: number;
  };
  /** The Client API graph: how one GraphQL request may fan out into upstream reads. */
  readonly graph: {
    /** The most upstream reads one GraphQL request runs at the same time (identical reads are sent once anyway). */
    readonly maxConcurrentReads: number;
    /** The most representations one `_entities` field resolves (a federation router's batch of references). */
    readonly maxEntityRepresentations: number;
    /**
     * Whether URLs the gateway passes on for Chatwoot to fetch (a contact's avatarUrl) may name loopback, link-local,
     * private or unique-local addresses. Off by default: Chatwoot would fetch them from inside its own network.
     */
    readonly allowPrivateUrls: boolean;
  };
  /** File uploads (GraphQL multipart requests, for message attachments). */
  readonly uploads: {
    /** Largest single file accepted, in bytes. */
    readonly maxFileBytes: number;
    /** Most files one request may carry. */
    readonly maxFiles: number;
    /** Most bytes of all the files of one request together: the memory one upload request may hold. */
    readonly maxTotalBytes: number;
  };
  readonly simulator: {
    /** Which Chatwoot release the embedded simulator imitates where releases differ. */
    readonly chatwootVersion: SimulatorChatwootVersion;
    /** Which edition the simulator imitates: Enterprise adds the audit-log and reporting-event routes. */
    readonly edition: SimulatorEdition;
  };
  readonly requestOptions: RequestOptionsConfig;
  readonly operations: OperationsConfig;
  readonly explorer: ExplorerConfig;
  readonly limits: LimitsConfig;
  /** Verified contact identity (src/identity/config.ts); null when none of its variables is set. */
  readonly identity: IdentityConfig | null;
  readonly tracing: TracingConfig;
  readonly realtime: RealtimeConfig;
}

/** Defaults and policy for per-request options (timeoutMs, ignoreSslIssues, proxy, batching) and HTTP batching. */
export interface RequestOptionsConfig {
  /** Whether a request may set ignoreSslIssues. Off by default: a browser must not be able to switch TLS checks off. */
  readonly allowInsecureTls: boolean;
  /** Proxies a request may name, as `scheme://host:port` (credentials never stored here). Empty: no per-request proxy. */
  readonly allowedProxies: readonly string[];
  /** The standard HTTP_PROXY / HTTPS_PROXY / NO_PROXY values, read here so that undici never reads process.env itself. */
  readonly proxyEnv: Readonly<{ HTTP_PROXY: string; HTTPS_PROXY: string; NO_PROXY: string }>;
  /** Upstream calls a bulk operation runs at once when the request does not say. */
  readonly defaultBatchSize: number;
  /** Milliseconds between the starts of two batches of a bulk operation when the request does not say. */
  readonly defaultBatchIntervalMs: number;
  /** The most items one bulk operation accepts. */
  readonly maxBulkItems: number;
  /** Whether a POST may carry a JSON array of GraphQL operations. */
  readonly httpBatching: boolean;
  /** The most operations one batched HTTP request may carry. */
  readonly httpBatchMax: number;
}

/** Logs, shutdown, abuse limits, CORS and retries. README.md "Operating it" explains each. */
export interface OperationsConfig {
  readonly logLevel: LogLevel;
  /** How long in-flight requests may run after SIGTERM/SIGINT before their connections are cut. */
  readonly shutdownGraceMs: number;
  /** Largest accepted GraphQL request body. */
  readonly maxBodyBytes: number;
  /** Deepest selection nesting accepted. */
  readonly maxDepth: number;
  /** Highest graphql-armor cost accepted (objects 2, scalars 1, times 1.5 per level of depth). */
  readonly maxCost: number;
  /** Most aliases accepted in one operation. */
  readonly maxAliases: number;
  /** Most lexical tokens the parser reads before giving up (bounds parse time and recursion). */
  readonly maxTokens: number;
  /** Origins allowed to call from a browser; empty means no CORS headers at all. */
  readonly corsOrigins: readonly string[];
  /** Automatic retries of a failed read (GET); mutations are never retried. */
  readonly retryMaxAttempts: number;
  /** First backoff step; each later one doubles, with full jitter. */
  readonly retryBaseDelayMs: number;
  /** Longest single wait, also the longest Retry-After honoured (a longer one is passed on to the client). */
  readonly retryMaxDelayMs: number;
  /** GATEWAY_EXECUTOR: graphql-jit (compiled operations, the default) or graphql-js's reference executor. */
  readonly executor: 'jit' | 'graphql-js';
  /** How many compiled operations the jit executor keeps (least recently used dropped beyond it). */
  readonly maxCompiledOperations: number;
  /** GATEWAY_HEAP_GROWING_PERCENT: how far V8 lets the heap grow past what survived a full collection (src/memory.ts). */
  readonly heapGrowingPercent: number;
}

/** Default of GATEWAY_HEAP_GROWING_PERCENT (src/memory.ts). */
export const DEFAULT_HEAP_GROWING_PERCENT = 100;

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export type SimulatorChatwootVersion = '4.15' | '4.16';

/** Chatwoot's editions, as far as the simulator tells them apart. */
export type SimulatorEdition = 'community' | 'enterprise';

export const TIMEOUT_MS_MAX = 300_000;
/** Upper bounds of the batching options, per request and as server defaults. */
export const BATCH_SIZE_MAX = 100;
export const BATCH_INTERVAL_MS_MAX = 60_000;

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
      platformAppToken: read.string('CHATWOOT_PLATFORM_APP_TOKEN') ?? null,
      conversationsPerPage: read.integer('CHATWOOT_CONVERSATIONS_PER_PAGE', 25, 1, 1000),
    },
    apis: {
      application: read.boolean('GATEWAY_APPLICATION_API', false),
      platform: read.boolean('GATEWAY_PLATFORM_API', false),
      applicationExplicit: read.string('GATEWAY_APPLICATION_API') !== undefined,
    },
    upstream: {
      defaultTimeoutMs: read.integer('GATEWAY_DEFAULT_TIMEOUT_MS', 30_000, 1, TIMEOUT_MS_MAX),
      maxResponseBytes: read.integer('GATEWAY_MAX_RESPONSE_BYTES', 5 * 1024 * 1024, 1024, 1024 * 1024 * 1024),
    },
    // Client API graph. Default 8: enough to load a page of conversations' messages in parallel, and a bound that
    // keeps one wide query from opening a connection per field.
    graph: {
      maxConcurrentReads: read.integer('GATEWAY_MAX_CONCURRENT_READS', 8, 1, 128),
      // Default 1000: a router's batch for a page of a few hundred orders fits, and one request stays a bounded job.
      maxEntityRepresentations: read.integer('GATEWAY_MAX_ENTITY_REPRESENTATIONS', 1000, 1, 100_000),
      allowPrivateUrls: read.boolean('GATEWAY_ALLOW_PRIVATE_URLS', false),
    },
    // --- Uploads. Default 40 MiB: Chatwoot's own limit for one attachment, so a file it would take is never refused
    // here. Files are held in memory until sent on, so their total per request is bounded too.
    uploads: {
      maxFileBytes: read.integer('GATEWAY_MAX_UPLOAD_BYTES', 40 * 1024 * 1024, 1, 1024 * 1024 * 1024),
      maxFiles: read.integer('GATEWAY_MAX_UPLOAD_FILES', 10, 0, 100),
      // Default 100 MiB: a couple of large attachments. It, not files times file size, is what one request can hold.
      maxTotalBytes: read.integer('GATEWAY_MAX_UPLOAD_TOTAL_BYTES', 100 * 1024 * 1024, 1, 4 * 1024 * 1024 * 1024),
    },
    simulator: {
      chatwootVersion: read.oneOf('CHATWOOT_SIMULATOR_VERSION', ['4.16', '4.15'] as const, '4.16'),
      edition: read.oneOf('CHATWOOT_SIMULATOR_EDITION', ['community', 'enterprise'] as const, 'community'),
    },
    // --- Request options: safe defaults next to each; insecure TLS and per-request proxies are opt-in. ---
    requestOptions: {
      allowInsecureTls: read.boolean('GATEWAY_ALLOW_INSECURE_TLS', false),
      allowedProxies: read.proxyList('GATEWAY_ALLOWED_PROXIES'),
      proxyEnv: {
        HTTP_PROXY: read.proxyUrl('HTTP_PROXY') ?? read.proxyUrl('http_proxy') ?? '',
        HTTPS_PROXY: read.proxyUrl('HTTPS_PROXY') ?? read.proxyUrl('https_proxy') ?? '',
        NO_PROXY: read.string('NO_PROXY') ?? read.string('no_proxy') ?? '',
      },
      defaultBatchSize: read.integer('GATEWAY_DEFAULT_BATCH_SIZE', 10, 1, BATCH_SIZE_MAX),
      defaultBatchIntervalMs: read.integer('GATEWAY_DEFAULT_BATCH_INTERVAL_MS', 0, 0, BATCH_INTERVAL_MS_MAX),
      maxBulkItems: read.integer('GATEWAY_MAX_BULK_ITEMS', 1000, 1, 100_000),
      httpBatching: read.boolean('GATEWAY_HTTP_BATCHING', false),
      httpBatchMax: read.integer('GATEWAY_HTTP_BATCH_MAX', 10, 1, 1000),
    },
    // --- Operations: logs, shutdown, limits, CORS, retries. Defaults sit next to each variable. ---
    operations: {
      logLevel: read.oneOf('LOG_LEVEL', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const, 'info'),
      shutdownGraceMs: read.integer('GATEWAY_SHUTDOWN_GRACE_MS', 10_000, 0, 600_000),
      maxBodyBytes: read.integer('GATEWAY_MAX_BODY_BYTES', 1024 * 1024, 1024, 64 * 1024 * 1024),
      maxDepth: read.integer('GATEWAY_MAX_DEPTH', 8, 1, 100),
      maxCost: read.integer('GATEWAY_MAX_COST', 5000, 1, 1_000_000),
      maxAliases: read.integer('GATEWAY_MAX_ALIASES', 15, 0, 1000),
      maxTokens: read.integer('GATEWAY_MAX_TOKENS', 10_000, 10, 1_000_000),
      corsOrigins: read.originList('GATEWAY_CORS_ORIGINS'),
      retryMaxAttempts: read.integer('GATEWAY_RETRY_MAX_ATTEMPTS', 2, 0, 10),
      retryBaseDelayMs: read.integer('GATEWAY_RETRY_BASE_DELAY_MS', 100, 1, 60_000),
      retryMaxDelayMs: read.integer('GATEWAY_RETRY_MAX_DELAY_MS', 2_000, 1, 60_000),
      executor: read.oneOf('GATEWAY_EXECUTOR', ['jit', 'graphql-js'] as const, 'jit'),
      maxCompiledOperations: read.integer('GATEWAY_MAX_COMPILED_OPERATIONS', 1000, 1, 100_000),
      heapGrowingPercent: read.integer('GATEWAY_HEAP_GROWING_PERCENT', DEFAULT_HEAP_GROWING_PERCENT, 0, 400),
    },
    explorer: readExplorerConfig(read),
    // GATEWAY_MAX_BULK_ITEMS read again without reporting: its own problem is reported once, above.
    limits: readLimitsConfig(read, problems, new EnvReader(env, []).integer('GATEWAY_MAX_BULK_ITEMS', 1000, 1, 100_000)),
    platform: readPlatformConfig(read),
    identity: readIdentityConfig(env, problems),
    tracing: readTracingConfig(read),
    realtime: readRealtimeConfig(read),
  };
  checkPlatformConfig(config, problems);

  if (problems.length > 0) throw new ConfigError(problems);
  return deepFreeze(config);
}

// --- The Platform API's service principals ---

/**
 * Who may reach the Platform API. Threat model: the Platform App token is installation-root (it can attach an existing
 * user by e-mail and mint that user's login), so it serves only a backend that proves it is one with a service key,
 * only for the fields the operator lists, and never a request a browser could have made.
 */
export interface PlatformConfig {
  /** SHA-256 digests (hex) of the accepted service keys; keys themselves are not kept. */
  readonly serviceKeyDigests: readonly string[];
  /** GATEWAY_PLATFORM_OPERATIONS: the Platform fields allowed at all (`PlatformQuery.user`, `Mutation.platformCreateUser`...), or `*`. */
  readonly operations: readonly string[];
  /** GATEWAY_PLATFORM_BROWSER_OPERATIONS: the Platform fields a browser-shaped request may call too. */
  readonly browserOperations: readonly string[];
}

const MIN_SERVICE_KEY_LENGTH = 32;
const FIELD_COORDINATE = /^(PlatformQuery|PlatformAccount|Mutation)\.[A-Za-z_][A-Za-z0-9_]*$/;

function readPlatformConfig(read: EnvReader): PlatformConfig {
  const keys = read.list('GATEWAY_SERVICE_KEYS');
  const serviceKeyDigests: string[] = [];
  keys.forEach((key, index) => {
    const hashed = /^sha256:([0-9a-fA-F]{64})$/.exec(key);
    if (hashed) serviceKeyDigests.push(hashed[1]!.toLowerCase());
    else if (key.length >= MIN_SERVICE_KEY_LENGTH) serviceKeyDigests.push(createHash('sha256').update(key).digest('hex'));
    else read.problem(`GATEWAY_SERVICE_KEYS: key ${index + 1} must be at least ${MIN_SERVICE_KEY_LENGTH} characters long, or sha256:<64 hex digits> of such a key.`);
  });
  const coordinates = (name: string, allowStar: boolean): string[] => {
    const values = read.list(name);
    for (const value of values) {
      if ((value === '*' && allowStar) || FIELD_COORDINATE.test(value)) continue;
      read.problem(`${name} must list Platform fields such as PlatformQuery.user or Mutation.platformCreateUser${allowStar ? ', or *' : ''} (got "${value}").`);
    }
    return values;
  };
  return {
    serviceKeyDigests,
    operations: coordinates('GATEWAY_PLATFORM_OPERATIONS', true),
    browserOperations: coordinates('GATEWAY_PLATFORM_BROWSER_OPERATIONS', false),
  };
}

/** The rules that tie the Platform variables to each other and to CORS. */
function checkPlatformConfig(config: GatewayConfig, problems: string[]): void {
  if (config.apis.platform) {
    if (!config.chatwoot.platformAppToken) problems.push('GATEWAY_PLATFORM_API=true needs CHATWOOT_PLATFORM_APP_TOKEN (the Platform App token).');
    if (config.platform.serviceKeyDigests.length === 0) problems.push('GATEWAY_PLATFORM_API=true needs GATEWAY_SERVICE_KEYS (the keys backends prove themselves with).');
  }
  if (config.platform.browserOperations.length > 0 && config.operations.corsOrigins.includes('*')) {
    problems.push('GATEWAY_PLATFORM_BROWSER_OPERATIONS cannot be combined with GATEWAY_CORS_ORIGINS=*: any web page could then call them.');
  }
}

// --- Explorer and introspection ---

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

// --- Budgets and server limits (README "What a request can cost") ---

/** What one HTTP request may cost upstream, and the HTTP server's own bounds on slow or many clients. */
export interface LimitsConfig {
  /**
   * GATEWAY_MAX_UPSTREAM_CALLS: calls to Chatwoot one HTTP request may make, batched operations together. Default
   * 1000, or GATEWAY_MAX_BULK_ITEMS when that is larger: a bulk request the gateway accepts must fit.
   */
  readonly maxUpstreamCalls: number;
  /** GATEWAY_MAX_UPSTREAM_CONCURRENCY: calls in flight to Chatwoot at once, all requests and dispatchers together. */
  readonly maxUpstreamConcurrency: number;
  /** GATEWAY_HEADERS_TIMEOUT_MS: time a client has to send its request headers. */
  readonly headersTimeoutMs: number;
  /** GATEWAY_REQUEST_TIMEOUT_MS: time a client has to send its whole request (headers and body); 0 for none. */
  readonly requestTimeoutMs: number;
  /** GATEWAY_KEEP_ALIVE_TIMEOUT_MS: how long an idle keep-alive connection is kept. */
  readonly keepAliveTimeoutMs: number;
  /** GATEWAY_MAX_CONNECTIONS: client connections open at once; more are closed as they arrive. */
  readonly maxConnections: number;
}

function readLimitsConfig(read: EnvReader, problems: string[], maxBulkItems: number): LimitsConfig {
  const callsSet = read.string('GATEWAY_MAX_UPSTREAM_CALLS') !== undefined;
  const maxUpstreamCalls = read.integer('GATEWAY_MAX_UPSTREAM_CALLS', Math.max(1000, maxBulkItems), 1, 1_000_000);
  if (callsSet && maxUpstreamCalls < maxBulkItems) {
    problems.push(
      `GATEWAY_MAX_UPSTREAM_CALLS (${maxUpstreamCalls}) must be at least GATEWAY_MAX_BULK_ITEMS (${maxBulkItems}): ` +
        'a bulk request the gateway accepts must fit in the budget of one request.',
    );
  }
  const headersTimeoutMs = read.integer('GATEWAY_HEADERS_TIMEOUT_MS', 10_000, 1, 600_000);
  const requestTimeoutMs = read.integer('GATEWAY_REQUEST_TIMEOUT_MS', 60_000, 0, 3_600_000);
  if (requestTimeoutMs > 0 && headersTimeoutMs > requestTimeoutMs) {
    problems.push(
      `GATEWAY_HEADERS_TIMEOUT_MS (${headersTimeoutMs}) must not exceed GATEWAY_REQUEST_TIMEOUT_MS (${requestTimeoutMs}).`,
    );
  }
  return {
    maxUpstreamCalls,
    maxUpstreamConcurrency: read.integer('GATEWAY_MAX_UPSTREAM_CONCURRENCY', 256, 1, 10_000),
    headersTimeoutMs,
    requestTimeoutMs,
    keepAliveTimeoutMs: read.integer('GATEWAY_KEEP_ALIVE_TIMEOUT_MS', 5_000, 1, 600_000),
    maxConnections: read.integer('GATEWAY_MAX_CONNECTIONS', 2_048, 1, 1_000_000),
  };
}

// --- Tracing (OpenTelemetry) ---

/**
 * Whether spans are exported, decided from the standard OTEL_* variables. The OpenTelemetry SDK reads the rest of
 * them (headers, sampler, resource attributes, batching) itself; they are checked here so that a typo stops start-up.
 */
export interface TracingConfig {
  /** On when OTEL_EXPORTER_OTLP_ENDPOINT, OTEL_EXPORTER_OTLP_TRACES_ENDPOINT or OTEL_TRACES_EXPORTER is set (not `none`). */
  readonly enabled: boolean;
  /** OTEL_SERVICE_NAME, default `chatwoot-graphql-gateway`. */
  readonly serviceName: string;
  /** GATEWAY_TRACE_IDENTIFIERS: put the real upstream path (with its identifiers) on client spans. Off by default. */
  readonly identifiers: boolean;
}

const TRACES_EXPORTERS = ['otlp', 'console', 'zipkin', 'none'];
const OTLP_PROTOCOLS = ['http/protobuf', 'http/json', 'grpc'] as const;

function readTracingConfig(read: EnvReader): TracingConfig {
  const exporters = (read.string('OTEL_TRACES_EXPORTER') ?? '').split(',').map((e) => e.trim()).filter(Boolean);
  for (const exporter of exporters) {
    if (!TRACES_EXPORTERS.includes(exporter)) read.problem(`OTEL_TRACES_EXPORTER must list ${TRACES_EXPORTERS.join(', ')} (got "${exporter}").`);
  }
  const endpoint = otlpEndpoint(read, 'OTEL_EXPORTER_OTLP_ENDPOINT', 'http://otel-collector:4318');
  const tracesEndpoint = otlpEndpoint(read, 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT', 'http://otel-collector:4318/v1/traces');
  read.oneOf('OTEL_EXPORTER_OTLP_PROTOCOL', OTLP_PROTOCOLS, 'http/protobuf');
  read.oneOf('OTEL_EXPORTER_OTLP_TRACES_PROTOCOL', OTLP_PROTOCOLS, 'http/protobuf');
  const disabled = read.boolean('OTEL_SDK_DISABLED', false);
  const requested = exporters.length > 0 ? exporters[0] !== 'none' : endpoint !== null || tracesEndpoint !== null;
  return {
    enabled: requested && !disabled,
    serviceName: read.string('OTEL_SERVICE_NAME') ?? 'chatwoot-graphql-gateway',
    identifiers: read.boolean('GATEWAY_TRACE_IDENTIFIERS', false),
  };
}

/** An http(s) collector URL, or null when unset. The value is never repeated: it may carry credentials. */
function otlpEndpoint(read: EnvReader, name: string, example: string): string | null {
  const raw = read.string(name);
  if (raw === undefined) return null;
  if (!URL.canParse(raw) || !['http:', 'https:'].includes(new URL(raw).protocol)) {
    read.problem(`${name} must be an http:// or https:// URL such as ${example}.`);
    return null;
  }
  return raw;
}

// --- Realtime (GraphQL subscriptions over WebSocket, bridged from Chatwoot's ActionCable) ---

/** Bounds of the gateway's own WebSocket endpoint and the settings of its upstream ActionCable pool. */
export interface RealtimeConfig {
  /** CHATWOOT_WEBSOCKET_URL, or null to derive it from the Chatwoot base URL (ws(s)://.../cable). */
  readonly websocketUrl: string | null;
  /** Most GraphQL WebSocket connections open at once; later upgrades are refused. */
  readonly maxConnections: number;
  /** Most subscriptions one connection may run at once. */
  readonly maxSubscriptionsPerConnection: number;
  /** How long a new connection may take to send connection_init before it is closed. */
  readonly connectionInitTimeoutMs: number;
  /** Most upstream ActionCable sockets; upstream subscriptions are spread over them. */
  readonly upstreamSockets: number;
  /** How long Chatwoot may take to confirm an upstream subscription (it says nothing for a bad token). */
  readonly confirmTimeoutMs: number;
  /** Silence on an upstream socket after which it is treated as dead (Chatwoot pings every 3 s). */
  readonly staleAfterMs: number;
  /** First reconnect delay; each later one doubles, with full jitter, up to reconnectMaxMs. */
  readonly reconnectBaseMs: number;
  readonly reconnectMaxMs: number;
}

function readRealtimeConfig(read: EnvReader): RealtimeConfig {
  return {
    websocketUrl: read.websocketUrl('CHATWOOT_WEBSOCKET_URL'),
    maxConnections: read.integer('GATEWAY_WS_MAX_CONNECTIONS', 1000, 0, 1_000_000),
    maxSubscriptionsPerConnection: read.integer('GATEWAY_WS_MAX_SUBSCRIPTIONS', 10, 1, 1000),
    connectionInitTimeoutMs: read.integer('GATEWAY_WS_INIT_TIMEOUT_MS', 10_000, 100, 600_000),
    upstreamSockets: read.integer('GATEWAY_REALTIME_UPSTREAM_SOCKETS', 4, 1, 64),
    confirmTimeoutMs: read.integer('GATEWAY_REALTIME_CONFIRM_TIMEOUT_MS', 10_000, 50, 600_000),
    staleAfterMs: read.integer('GATEWAY_REALTIME_STALE_MS', 10_000, 100, 600_000),
    reconnectBaseMs: read.integer('GATEWAY_REALTIME_RECONNECT_BASE_MS', 500, 1, 60_000),
    reconnectMaxMs: read.integer('GATEWAY_REALTIME_RECONNECT_MAX_MS', 30_000, 1, 600_000),
  };
}

// -----------------------------------------------------------------------------------------------------------------------

/** Reads one variable at a time, recording a problem instead of throwing so that all are reported. */
class EnvReader {
  constructor(
    private readonly env: Env,
    private readonly problems: string[],
  ) {}

  /** Records a problem found by a reader outside this class. */
  problem(message: string): void {
    this.problems.push(message);
  }

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

  /** A comma-separated list of values, blanks dropped. */
  list(name: string): string[] {
    return (this.string(name) ?? '').split(',').map((item) => item.trim()).filter(Boolean);
  }

  /** A comma-separated list of exact browser origins (scheme://host[:port]), or `*` for any. */
  originList(name: string): string[] {
    const raw = this.string(name);
    if (raw === undefined) return [];
    const origins = raw.split(',').map((o) => o.trim()).filter(Boolean);
    for (const origin of origins) {
      if (origin === '*') continue;
      let parsed: URL | undefined;
      try {
        parsed = new URL(origin);
      } catch {
        parsed = undefined;
      }
      if (!parsed || parsed.origin !== origin.replace(/\/$/, '')) {
        this.problems.push(`${name} must list origins such as https://app.example.com, comma-separated (got "${origin}").`);
      }
    }
    return origins.map((o) => (o === '*' ? o : o.replace(/\/$/, '')));
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

  /** A ws:// or wss:// URL with no credentials, query or fragment, or null when unset. */
  websocketUrl(name: string): string | null {
    const raw = this.string(name);
    if (raw === undefined) return null;
    let url: URL | undefined;
    try {
      url = new URL(raw);
    } catch {
      url = undefined;
    }
    if (!url || (url.protocol !== 'ws:' && url.protocol !== 'wss:') || url.username || url.password || url.search || url.hash) {
      this.problems.push(`${name} must be a ws:// or wss:// URL without credentials or query, such as wss://chatwoot.example.com/cable.`);
      return null;
    }
    return url.href;
  }

  /** A proxy URL (http:// or https://, credentials allowed) as given, or undefined when unset. */
  proxyUrl(name: string): string | undefined {
    const raw = this.string(name);
    if (raw === undefined) return undefined;
    // The message never repeats the value: it may hold the proxy's credentials.
    if (!parseProxyUrl(raw)) this.problems.push(`${name} must be an http:// or https:// proxy URL such as http://proxy.internal:3128.`);
    return raw;
  }

  /** A comma-separated list of proxy URLs without credentials, each normalised by proxyOrigin. */
  proxyList(name: string): string[] {
    const raw = this.string(name);
    if (raw === undefined) return [];
    const origins: string[] = [];
    const entries = raw.split(',').map((e) => e.trim()).filter(Boolean);
    for (const [index, entry] of entries.entries()) {
      const url = parseProxyUrl(entry);
      // Entries are named by position, never repeated: a mistyped one may still hold a password.
      if (!url) {
        this.problems.push(`${name}: entry ${index + 1} is not an http:// or https:// proxy URL such as http://proxy.internal:3128.`);
      } else if (url.username || url.password) {
        this.problems.push(`${name} must not hold credentials; a request carries its own in options.proxy.`);
      } else {
        origins.push(proxyOrigin(url));
      }
    }
    return origins;
  }
}

/** Parses a proxy URL: http(s), a host, and nothing after the port but an optional `/`. */
export function parseProxyUrl(raw: string): URL | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (!url.hostname || (url.pathname !== '/' && url.pathname !== '') || url.search || url.hash) return null;
  return url;
}

/** `scheme://host:port` of a proxy URL, port always written, credentials dropped: how proxies are compared. */
export function proxyOrigin(url: URL): string {
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  return `${url.protocol}//${url.hostname}:${port}`;
}

function deepFreeze<T extends object>(value: T): T {
  for (const child of Object.values(value)) {
    if (child !== null && typeof child === 'object' && !Object.isFrozen(child)) deepFreeze(child as object);
  }
  return Object.freeze(value);
}

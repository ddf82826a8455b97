import { setMaxListeners } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ChatwootClient } from './chatwoot/client';
import { requestOptionSettings } from './chatwoot/requestOptions';
import type { GatewayConfig } from './config';
import { ErrorCode } from './errors';
import type { GatewayContext } from './graphql/context';
import { createErrorFormatter } from './graphql/errors';
import { refuseHttpSubscriptions } from './graphql/httpSubscriptions';
import { combineSharedListenerPlugins } from './graphql/sharedListener';
import { rememberQueryHashes } from './graphql/queryHash';
import { inlineTraceWhenAsked } from './graphql/inlineTrace';
import { redactErrorsPlugin } from './graphql/redactErrors';
import { buildGatewaySchema } from './graphql/schema';
import { createUploadTargetCheck } from './graphql/uploadTargets';
import { answerClientErrors } from './http/clientErrors';
import { JitGateway } from './graphql/jitExecutor';
import { createExplorer } from './http/explorer';
import type { ExplorerExample } from './http/explorerPage';
import { plainJsonContentTypePlugin } from './http/contentTypePlugin';
import { createGraphQLHandler, sendError } from './http/graphqlHandler';
import { Health } from './http/health';
import { createOperationalRoutes } from './http/operational';
import { type Realtime, startRealtime } from './realtime/start';
import { parseOptions, queryLimitRules } from './graphql/limits';
import { ConnectionTracker, settleWithin } from './lifecycle';
import { applyHeapGrowingPercent } from './memory';
import { SHUTTING_DOWN } from './chatwoot/bulk';
import { writeBudgetPlugin } from './graphql/writesPlugin';
import { observabilityPlugin } from './observability/apolloPlugin';
import { createLogger, type Logger } from './observability/logger';
import { GatewayMetrics } from './observability/metrics';
import { tracingFor } from './observability/tracingSwitch';
import { createUpstreamObserver } from './observability/upstream';
import type { IdentityConfig } from './identity/config';
import { IdentityService } from './identity/service';
import { USER_AGENT } from './version';

export interface Gateway {
  /** The URL of the GraphQL endpoint, e.g. http://127.0.0.1:4000/graphql. */
  readonly url: string;
  readonly httpServer: Server;
  readonly apollo: ApolloServer<GatewayContext>;
  readonly chatwoot: ChatwootClient;
  readonly logger: Logger;
  readonly metrics: GatewayMetrics;
  readonly health: Health;
  /** Verified contact identity, or null when not configured; `proveIdentity` serves the subscription transport. */
  readonly identity: IdentityService | null;
  /** Subscriptions: the ActionCable bridge and the WebSocket endpoint. */
  readonly realtime: Realtime;
  /** Stops accepting connections, finishes what is in flight, and closes upstream connections. */
  close(): Promise<void>;
}

export interface GatewayOptions {
  /** Overrides config.chatwoot.baseUrl (the embedded simulator's URL, for instance). */
  readonly chatwootBaseUrl?: string;
  /** Receives failures that were masked as INTERNAL_SERVER_ERROR. */
  readonly onInternalError?: (error: unknown) => void;
  /** The logger to use instead of one built from config (tests pass one writing to a stream they read). */
  readonly logger?: Logger;
  /** The inbox and contact the explorer's example operations use (the simulator's demo records). */
  readonly explorerExample?: ExplorerExample;
  /** Overrides config.identity (the embedded simulator's demo identity setup, for instance). */
  readonly identity?: IdentityConfig | null;
}

export const GRAPHQL_PATH = '/graphql';

/** Builds the gateway and starts listening on config.server.host and port. */
export async function startGateway(config: GatewayConfig, options: GatewayOptions = {}): Promise<Gateway> {
  const baseUrl = options.chatwootBaseUrl ?? config.chatwoot.baseUrl;
  if (!baseUrl) throw new Error('startGateway needs a Chatwoot base URL (config or options.chatwootBaseUrl).');

  const development = config.nodeEnv === 'development';
  const ops = config.operations;
  applyHeapGrowingPercent(ops.heapGrowingPercent);
  // Tracing is off unless OTEL_* asks for it; then nothing on the hot path does trace work (src/observability/tracing.ts).
  const tracing = tracingFor(config.tracing);
  const logger = options.logger ?? createLogger({ level: ops.logLevel, mixin: tracing?.logFields });
  const onInternalError = options.onInternalError ?? ((error: unknown) => logger.error({ err: error }, 'internal error (masked for the client)'));
  const metrics: GatewayMetrics = new GatewayMetrics({
    dispatchers: (): number => chatwoot.transport.dispatchers.size,
    callsInFlight: (): number => chatwoot.transport.callsInFlight,
    callsQueued: (): number => chatwoot.transport.callsQueued,
  });
  // Aborted half-way through the shutdown grace: bulk operations then start no new batch and answer what they did.
  const bulkStop = new AbortController();
  // Every bulk operation waiting between two batches listens on it.
  setMaxListeners(0, bulkStop.signal);
  const health = new Health();
  const chatwoot: ChatwootClient = new ChatwootClient({
    baseUrl,
    apiAccessToken: config.chatwoot.apiAccessToken,
    platformAppToken: config.chatwoot.platformAppToken,
    applicationApi: config.apis.application,
    platformApi: config.apis.platform,
    conversationsPerPage: config.chatwoot.conversationsPerPage,
    userAgent: USER_AGENT,
    defaultTimeoutMs: config.upstream.defaultTimeoutMs,
    maxResponseBytes: config.upstream.maxResponseBytes,
    ...requestOptionSettings(config),
    allowPrivateUrls: config.graph.allowPrivateUrls,
    observer: createUpstreamObserver(logger, metrics),
    maxConcurrency: config.limits.maxUpstreamConcurrency,
    shutdownSignal: bulkStop.signal,
    tracer: tracing?.upstream,
    retry: { maxAttempts: ops.retryMaxAttempts, baseDelayMs: ops.retryBaseDelayMs, maxDelayMs: ops.retryMaxDelayMs },
  });
  // Before Apollo starts: a key that cannot be imported stops start-up with nothing left running.
  const identityConfig = options.identity !== undefined ? options.identity : config.identity;
  const identity = identityConfig ? await IdentityService.create(identityConfig) : null;
  const schema = buildGatewaySchema({ maxEntityRepresentations: config.graph.maxEntityRepresentations });
  const formatError = createErrorFormatter({ development, onInternalError });
  const jit = ops.executor === 'jit' ? new JitGateway(schema, { maxCompiledOperations: ops.maxCompiledOperations }) : null;
  rememberQueryHashes();
  const apollo = new ApolloServer<GatewayContext>({
    // GATEWAY_EXECUTOR=jit runs operations compiled by graphql-jit, from its plugin (first below) or behind Apollo's
    // `gateway` hook; the rest of Apollo (validation, CSRF, plugins, formatError) is the same either way
    // (src/graphql/jitExecutor.ts).
    ...(jit ? { gateway: jit } : { schema }),
    csrfPrevention: true,
    introspection: config.explorer.introspection,
    validationRules: queryLimitRules(ops),
    parseOptions: parseOptions(ops),
    // Shutdown is ours (src/lifecycle.ts): Apollo's own handlers would stop it before in-flight requests finish.
    stopOnTerminationSignals: false,
    includeStacktraceInErrorResponses: development,
    allowBatchedHttpRequests: config.requestOptions.httpBatching,
    formatError,
    // Hot path (bench/RESULTS.md): the cache-control plugin hooks willResolveField, which makes Apollo wrap every field
    // resolver of the schema; its only output here would be `cache-control: no-store`, which the handler now sets.
    plugins: [
      // One listener for all of ours: Apollo's cost per request grows with each listener (src/graphql/sharedListener.ts).
      // The jit plugin first: Apollo asks for an answer in turn until one gives it, and none of the others does.
      combineSharedListenerPlugins<GatewayContext>([
        ...(jit ? [jit.plugin<GatewayContext>()] : []),
        refuseHttpSubscriptions(),
        redactErrorsPlugin([config.chatwoot.apiAccessToken, config.chatwoot.platformAppToken]),
        observabilityPlugin(logger, metrics),
        writeBudgetPlugin(config.requestOptions.maxBulkItems),
        plainJsonContentTypePlugin(),
      ]),
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginCacheControlDisabled(),
      // A router may ask a subgraph for per-field traces; the errors in them stay masked, like everything we return.
      inlineTraceWhenAsked({ includeErrors: { masked: true } }),
      ...(tracing ? [tracing.plugin] : []),
    ],
  });

  await apollo.start();

  const explorer = config.explorer.enabled
    ? createExplorer({ graphqlPath: GRAPHQL_PATH, example: options.explorerExample })
    : null;
  const handleGraphQL = createGraphQLHandler({
    apollo,
    chatwoot,
    maxBodyBytes: ops.maxBodyBytes,
    maxBatchLength: config.requestOptions.httpBatching ? config.requestOptions.httpBatchMax : undefined,
    maxConcurrentReads: config.graph.maxConcurrentReads,
    uploads: config.uploads.maxFiles > 0 ? config.uploads : undefined,
    uploadTargets: createUploadTargetCheck(schema, ops.maxTokens),
    onInternalError,
    maxUpstreamCalls: config.limits.maxUpstreamCalls,
    maxBulkItems: config.requestOptions.maxBulkItems,
    maxTokens: ops.maxTokens,
    logger,
    platform: { enabled: config.apis.platform, policy: config.platform },
    identity: identity ?? undefined,
  });
  const operational = createOperationalRoutes({ health, metrics, corsOrigins: ops.corsOrigins });
  const limits = config.limits;
  const httpServer = createServer(
    {
      // Slow clients: a client has this long to send its headers and its whole request. Node checks these on an
      // interval (30 s by default), which would add up to that much to each bound.
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      keepAliveTimeout: limits.keepAliveTimeoutMs,
      connectionsCheckingInterval: Math.max(10, Math.min(1_000, Math.floor(limits.headersTimeoutMs / 2))),
    },
    (req, res) => {
      connections.track(req, res);
      route(req, res).catch((error: unknown) => {
        onInternalError(error);
        if (!res.headersSent) sendError(res, 500, 'Internal server error.', ErrorCode.INTERNAL_SERVER_ERROR);
        else res.destroy();
      });
    },
  );
  // Connections beyond this are closed by Node as they arrive.
  httpServer.maxConnections = limits.maxConnections;
  const connections = new ConnectionTracker(httpServer);

  answerClientErrors(httpServer);

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = req.url ?? '/';
    const queryAt = url.indexOf('?');
    const path = queryAt === -1 ? url : url.slice(0, queryAt);
    const answered = operational(req, res, path);
    if (answered !== false) return answered === true ? undefined : answered;
    if (explorer && (await explorer.handle(req, res, path))) return;
    if (path === GRAPHQL_PATH) return tracing ? tracing.serve(req, res, () => handleGraphQL(req, res)) : handleGraphQL(req, res);
    sendError(res, 404, `Nothing is served at ${path}; GraphQL is at ${GRAPHQL_PATH}.`, ErrorCode.BAD_REQUEST);
  }

  // GraphQL subscriptions over WebSocket on the same path, bridged from Chatwoot's ActionCable (src/realtime).
  const realtime = startRealtime({ config, baseUrl, httpServer, path: GRAPHQL_PATH, schema, chatwoot, identity, formatError, logger, metrics });

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(config.server.port, config.server.host, () => {
      httpServer.off('error', reject);
      resolve();
    });
  });
  const address = httpServer.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  health.markReady();
  const displayHost = host === '0.0.0.0' || host === '[::]' ? 'localhost' : host;

  return {
    url: `http://${displayHost}:${address.port}${GRAPHQL_PATH}`,
    httpServer,
    apollo,
    chatwoot,
    logger,
    metrics,
    health,
    identity,
    realtime,
    async close() {
      health.markDraining();
      // Upgraded sockets would hold the HTTP drain: complete every subscription and close them first.
      await realtime.close();
      const bulkTimer = setTimeout(() => bulkStop.abort(SHUTTING_DOWN), Math.floor(ops.shutdownGraceMs / 2));
      const clean = await connections.drain(ops.shutdownGraceMs);
      clearTimeout(bulkTimer);
      if (!clean) logger.warn({ graceMs: ops.shutdownGraceMs }, 'requests still running after the grace period were cut');
      await apollo.stop();
      // Calls of requests that were cut may still wait on Chatwoot; they must not hold the shutdown.
      await settleWithin(chatwoot.close(), clean ? ops.shutdownGraceMs : 1000);
      // Last, so that the spans of the drained requests are exported too; an unreachable collector cannot hold it long.
      if (tracing) await settleWithin(tracing.shutdown(), 5000);
    },
  };
}

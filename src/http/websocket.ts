import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { type ExecutionArgs, GraphQLError, type GraphQLFormattedError, type GraphQLSchema, getOperationAST, parse, specifiedRules, validate } from 'graphql';
import type { Context } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocket, WebSocketServer } from 'ws';
import type { ChatwootClient } from '../chatwoot/client';
import type { OperationsConfig, PlatformConfig, RealtimeConfig } from '../config';
import { ErrorCode } from '../errors';
import { type GatewayContext, tokenFromHeaders } from '../graphql/context';
import { PlatformAccess, principalOf } from '../graphql/principal';
import { authorizationFromConnectionParams, RequestIdentity } from '../identity/requestIdentity';
import type { IdentityService } from '../identity/service';
import { parseOptions, queryLimitRules } from '../graphql/limits';
import { RequestLoaders } from '../graphql/loaders';
import { acceptRequestId, type Logger } from '../observability/logger';
import type { RealtimeMetrics } from '../observability/realtimeMetrics';
import type { RealtimeService } from '../realtime/service';

export interface WebSocketEndpointOptions {
  readonly httpServer: Server;
  /** The GraphQL path; upgrades elsewhere are refused. */
  readonly path: string;
  readonly schema: GraphQLSchema;
  readonly chatwoot: ChatwootClient;
  readonly realtime: RealtimeService;
  /** Verified contact identity, when configured: the bearer token comes from connectionParams (or the upgrade). */
  readonly identity?: IdentityService | null;
  readonly limits: Pick<RealtimeConfig, 'maxConnections' | 'maxSubscriptionsPerConnection' | 'connectionInitTimeoutMs'>;
  readonly operations: OperationsConfig;
  /** The HTTP endpoint's error formatter (src/graphql/errors.ts), so both transports answer alike. */
  readonly formatError: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;
  readonly maxConcurrentReads: number;
  readonly logger: Logger;
  readonly metrics: RealtimeMetrics;
}

export interface WebSocketEndpoint {
  /** GraphQL WebSocket connections open now. */
  readonly connections: number;
  /** Refuses new upgrades, waits (bounded) for completed subscriptions to be sent, then closes every connection. */
  close(): Promise<void>;
}

/** The Platform API is never served over WebSocket: its checks always refuse here. */
const NO_PLATFORM: PlatformConfig = { serviceKeyDigests: [], operations: [], browserOperations: [] };

/** The graphql-ws close code for a connection that sent no connection_init in time. */
const INIT_TIMEOUT_CLOSE = 4408;

type WsContext = Context<Record<string, unknown>, { socket: WebSocket; request: IncomingMessage }>;

/**
 * GraphQL subscriptions over WebSocket (`graphql-transport-ws`, the graphql-ws library) on the GraphQL path of the
 * gateway's own HTTP server; plain HTTP requests to that path are untouched.
 *
 * Threat model: a page on another site must not open a socket with its visitor's browser (a WebSocket is not covered
 * by CORS or CSRF protection), so an upgrade whose Origin is neither the gateway's own nor in GATEWAY_CORS_ORIGINS is
 * refused; clients without an Origin (servers, apps) are not browsers and may connect. No client may hold more than
 * the configured subscriptions, nor keep a socket without initialising it, nor open more than the connections the
 * operator allows in all. Only subscriptions run here: queries and mutations go over HTTP.
 */
export function attachWebSocketEndpoint(options: WebSocketEndpointOptions): WebSocketEndpoint {
  const { limits, logger, metrics } = options;
  const wss = new WebSocketServer({ noServer: true, maxPayload: options.operations.maxBodyBytes });
  const allowed = new Set(options.operations.corsOrigins);
  const anyOrigin = allowed.has('*');
  const initTimers = new WeakMap<WebSocket, NodeJS.Timeout>();
  const loaders = new WeakMap<WebSocket, RequestLoaders>();
  const active = new Map<WsContext, Set<string>>();
  let accepting = true;

  const refuse = (socket: Duplex, status: number, reason: string, message: string, extensions: Record<string, unknown>) => {
    metrics.refusals.inc({ reason });
    const body = JSON.stringify({ errors: [{ message, extensions }] });
    socket.end(
      `HTTP/1.1 ${status} ${status === 403 ? 'Forbidden' : status === 404 ? 'Not Found' : 'Service Unavailable'}\r\n` +
        `content-type: application/json; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
    );
  };

  options.httpServer.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    const path = (req.url ?? '/').split('?', 1)[0];
    if (path !== options.path) {
      return refuse(socket, 404, 'path', `WebSocket is served at ${options.path} only.`, { code: ErrorCode.BAD_REQUEST });
    }
    if (!accepting) {
      return refuse(socket, 503, 'shutting_down', 'The gateway is shutting down.', { code: ErrorCode.UPSTREAM_UNAVAILABLE, reason: 'shutting_down' });
    }
    const origin = req.headers.origin;
    if (origin !== undefined && !anyOrigin && !allowed.has(origin) && !sameOrigin(origin, req)) {
      return refuse(socket, 403, 'origin', 'This Origin may not open a WebSocket to the gateway (GATEWAY_CORS_ORIGINS).', {
        code: ErrorCode.FORBIDDEN,
        reason: 'origin_not_allowed',
      });
    }
    if (wss.clients.size >= limits.maxConnections) {
      return refuse(socket, 503, 'connections', 'Too many WebSocket connections; retry later.', {
        code: ErrorCode.REALTIME_LIMIT_EXCEEDED,
        limit: 'connections',
        maximum: limits.maxConnections,
      });
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });

  wss.on('connection', (ws: WebSocket) => {
    const timer = setTimeout(() => {
      metrics.refusals.inc({ reason: 'connection_init_timeout' });
      ws.close(INIT_TIMEOUT_CLOSE, `${ErrorCode.REALTIME_LIMIT_EXCEEDED}: no connection_init within ${limits.connectionInitTimeoutMs} ms`);
    }, limits.connectionInitTimeoutMs);
    timer.unref();
    initTimers.set(ws, timer);
    ws.once('close', () => clearTimeout(timer));
  });

  const format = (error: GraphQLError): GraphQLFormattedError =>
    // Errors thrown while iterating arrive wrapped without a path; the boundary wants the adapter's own error.
    options.formatError(error.toJSON(), error.path ? error : (error.originalError ?? error));

  const server = useServer<Record<string, unknown>, { socket: WebSocket; request: IncomingMessage }>(
    {
      schema: options.schema,
      // Our own timer (above) closes with a coded reason; the library's would close at 3 s regardless of config.
      connectionInitWaitTimeout: 0,
      onConnect: (ctx) => {
        clearTimeout(initTimers.get(ctx.extra.socket));
        return true;
      },
      onSubscribe: (ctx, id, payload) => {
        const running = active.get(ctx) ?? new Set<string>();
        if (running.size >= limits.maxSubscriptionsPerConnection) {
          metrics.refusals.inc({ reason: 'subscriptions' });
          return [
            new GraphQLError(`A connection may run at most ${limits.maxSubscriptionsPerConnection} subscriptions at once.`, {
              extensions: { code: ErrorCode.REALTIME_LIMIT_EXCEEDED, limit: 'subscriptions', maximum: limits.maxSubscriptionsPerConnection },
            }),
          ];
        }
        const prepared = prepare(options, payload);
        if (Array.isArray(prepared)) return prepared;
        running.add(id);
        active.set(ctx, running);
        return prepared;
      },
      context: (ctx): GatewayContext => {
        const { socket, request } = ctx.extra;
        let connectionLoaders = loaders.get(socket);
        if (!connectionLoaders) {
          connectionLoaders = new RequestLoaders({ maxConcurrent: options.maxConcurrentReads });
          loaders.set(socket, connectionLoaders);
        }
        const param = ctx.connectionParams?.['api-access-token'];
        const token = typeof param === 'string' && param.trim() !== '' ? param.trim() : tokenFromHeaders(request.headers);
        return {
          chatwoot: options.chatwoot,
          call: { token, requestId: acceptRequestId(request.headers['x-request-id']) },
          loaders: connectionLoaders,
          platform: new PlatformAccess(false, NO_PLATFORM, () => principalOf(request.headers, [])),
          // Per operation, not per connection: a token that expires is not trusted for the connection's lifetime.
          identity: options.identity
            ? new RequestIdentity(options.identity, authorizationFromConnectionParams(ctx.connectionParams) ?? request.headers.authorization)
            : undefined,
          realtime: options.realtime,
        };
      },
      onNext: (_ctx, _id, _payload, _args, result) => (result.errors ? { ...result, errors: result.errors.map(format) } : undefined),
      onError: (_ctx, _id, _payload, errors) => errors.map(format),
      onComplete: (ctx, id) => {
        active.get(ctx)?.delete(id);
      },
      onClose: (ctx) => {
        active.delete(ctx);
      },
    },
    wss,
  );

  return {
    get connections() {
      return wss.clients.size;
    },
    async close() {
      accepting = false;
      // The bridge has ended every stream by now; give the `complete` messages a bounded moment to go out.
      const deadline = Date.now() + 2000;
      while ([...active.values()].some((ids) => ids.size > 0) && Date.now() < deadline) await sleep(10);
      const closing = [...wss.clients].map(
        (client) =>
          new Promise<void>((resolve) => {
            if (client.readyState === WebSocket.CLOSED) return resolve();
            const cut = setTimeout(() => client.terminate(), 1000);
            cut.unref();
            client.once('close', () => {
              clearTimeout(cut);
              resolve();
            });
          }),
      );
      await server.dispose();
      await Promise.all(closing);
      logger.debug('realtime: WebSocket endpoint closed');
    },
  };
}

/** Parses and validates with the same limits as HTTP; only subscription operations are accepted. */
function prepare(options: WebSocketEndpointOptions, payload: { query: string; operationName?: string | null; variables?: Record<string, unknown> | null }): ExecutionArgs | GraphQLError[] {
  let document;
  try {
    document = parse(payload.query, parseOptions(options.operations));
  } catch (error) {
    const message = error instanceof Error ? error.message : 'Syntax error.';
    return [new GraphQLError(message, { originalError: error instanceof Error ? error : undefined, extensions: { code: ErrorCode.GRAPHQL_PARSE_FAILED } })];
  }
  const errors = validate(options.schema, document, [...specifiedRules, ...queryLimitRules(options.operations)]);
  if (errors.length > 0) {
    return errors.map(
      (e) =>
        new GraphQLError(e.message, {
          nodes: e.nodes,
          source: e.source,
          positions: e.positions,
          originalError: e.originalError ?? undefined,
          extensions: { ...e.extensions, code: ErrorCode.GRAPHQL_VALIDATION_FAILED },
        }),
    );
  }
  const operation = getOperationAST(document, payload.operationName ?? undefined);
  if (!operation) {
    return [new GraphQLError('Name the operation to run (operationName).', { extensions: { code: ErrorCode.OPERATION_RESOLUTION_FAILURE } })];
  }
  if (operation.operation !== 'subscription') {
    return [new GraphQLError('Only subscriptions are served over WebSocket; send queries and mutations over HTTP.', { extensions: { code: ErrorCode.BAD_REQUEST } })];
  }
  return { schema: options.schema, document, operationName: payload.operationName, variableValues: payload.variables };
}

/** True when the page's Origin is the gateway's own address as the client reached it. */
function sameOrigin(origin: string, req: IncomingMessage): boolean {
  const host = req.headers.host;
  if (!host) return false;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

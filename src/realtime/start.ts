import type { Server } from 'node:http';
import type { GraphQLFormattedError, GraphQLSchema } from 'graphql';
import type { ChatwootClient } from '../chatwoot/client';
import type { GatewayConfig } from '../config';
import { attachWebSocketEndpoint } from '../http/websocket';
import type { IdentityService } from '../identity/service';
import type { Logger } from '../observability/logger';
import type { GatewayMetrics } from '../observability/metrics';
import { USER_AGENT } from '../version';
import { defaultCableUrl } from './actionCable';
import { RealtimeBridge } from './bridge';
import { RealtimeService } from './service';

export interface RealtimeOptions {
  readonly config: GatewayConfig;
  /** The Chatwoot base URL in use (the simulator's, when it runs). */
  readonly baseUrl: string;
  readonly httpServer: Server;
  readonly path: string;
  readonly schema: GraphQLSchema;
  readonly chatwoot: ChatwootClient;
  /** Verified contact identity, when configured (src/identity). */
  readonly identity?: IdentityService | null;
  readonly formatError: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;
  readonly logger: Logger;
  readonly metrics: GatewayMetrics;
}

/** The running realtime side of a gateway. */
export interface Realtime {
  readonly bridge: RealtimeBridge;
  /** Completes every subscription, closes the WebSocket connections, then the upstream sockets. */
  close(): Promise<void>;
}

/** Wires the bridge, the service the resolvers use and the WebSocket endpoint into one gateway. */
export function startRealtime(options: RealtimeOptions): Realtime {
  const { config, logger, metrics } = options;
  const settings = config.realtime;
  const cableUrl = settings.websocketUrl ?? defaultCableUrl(options.baseUrl);
  const bridge = new RealtimeBridge(
    {
      url: cableUrl,
      origin: new URL(options.baseUrl).origin,
      userAgent: USER_AGENT,
      staleAfterMs: settings.staleAfterMs,
      reconnectBaseMs: settings.reconnectBaseMs,
      reconnectMaxMs: settings.reconnectMaxMs,
      maxSockets: settings.upstreamSockets,
      confirmTimeoutMs: settings.confirmTimeoutMs,
    },
    logger,
    metrics.realtime,
  );
  const service = new RealtimeService({
    chatwoot: options.chatwoot,
    bridge,
    metrics: metrics.realtime,
    applicationEnabled: config.apis.application,
  });
  const endpoint = attachWebSocketEndpoint({
    httpServer: options.httpServer,
    path: options.path,
    schema: options.schema,
    chatwoot: options.chatwoot,
    realtime: service,
    identity: options.identity,
    limits: settings,
    operations: config.operations,
    formatError: options.formatError,
    maxConcurrentReads: config.graph.maxConcurrentReads,
    logger,
    metrics: metrics.realtime,
  });
  metrics.realtime.observe(() => ({ connections: endpoint.connections, ...bridge.sizes }));
  return {
    bridge,
    async close() {
      const upstream = bridge.close();
      await endpoint.close();
      await upstream;
    },
  };
}

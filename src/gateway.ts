import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginInlineTrace } from '@apollo/server/plugin/inlineTrace';
import { ChatwootClient } from './chatwoot/client';
import type { GatewayConfig } from './config';
import { ErrorCode } from './errors';
import type { GatewayContext } from './graphql/context';
import { createErrorFormatter } from './graphql/errors';
import { buildGatewaySchema } from './graphql/schema';
import { createExplorer } from './http/explorer';
import type { ExplorerExample } from './http/explorerPage';
import { createGraphQLHandler, sendError } from './http/graphqlHandler';
import { USER_AGENT } from './version';

export interface Gateway {
  /** The URL of the GraphQL endpoint, e.g. http://127.0.0.1:4000/graphql. */
  readonly url: string;
  readonly httpServer: Server;
  readonly apollo: ApolloServer<GatewayContext>;
  readonly chatwoot: ChatwootClient;
  /** Stops accepting connections, finishes what is in flight, and closes upstream connections. */
  close(): Promise<void>;
}

export interface GatewayOptions {
  /** Overrides config.chatwoot.baseUrl (the embedded simulator's URL, for instance). */
  readonly chatwootBaseUrl?: string;
  /** Receives failures that were masked as INTERNAL_SERVER_ERROR. */
  readonly onInternalError?: (error: unknown) => void;
  /** The inbox and contact the explorer's example operations use (the simulator's demo records). */
  readonly explorerExample?: ExplorerExample;
}

export const GRAPHQL_PATH = '/graphql';
const MAX_BODY_BYTES = 1024 * 1024;

/** Builds the gateway and starts listening on config.server.host and port. */
export async function startGateway(config: GatewayConfig, options: GatewayOptions = {}): Promise<Gateway> {
  const baseUrl = options.chatwootBaseUrl ?? config.chatwoot.baseUrl;
  if (!baseUrl) throw new Error('startGateway needs a Chatwoot base URL (config or options.chatwootBaseUrl).');

  const development = config.nodeEnv === 'development';
  const chatwoot = new ChatwootClient({
    baseUrl,
    apiAccessToken: config.chatwoot.apiAccessToken,
    userAgent: USER_AGENT,
    defaultTimeoutMs: config.upstream.defaultTimeoutMs,
    maxResponseBytes: config.upstream.maxResponseBytes,
  });
  const apollo = new ApolloServer<GatewayContext>({
    schema: buildGatewaySchema(),
    csrfPrevention: true,
    introspection: config.explorer.introspection,
    includeStacktraceInErrorResponses: development,
    formatError: createErrorFormatter({
      development,
      onInternalError: options.onInternalError ?? ((error) => console.error('Internal error:', error)),
    }),
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      // A router may ask a subgraph for per-field traces; the errors in them stay masked, like everything we return.
      ApolloServerPluginInlineTrace({ includeErrors: { masked: true } }),
    ],
  });
  await apollo.start();

  const explorer = config.explorer.enabled
    ? createExplorer({ graphqlPath: GRAPHQL_PATH, example: options.explorerExample })
    : null;
  const handleGraphQL = createGraphQLHandler({ apollo, chatwoot, maxBodyBytes: MAX_BODY_BYTES });
  const httpServer = createServer((req, res) => {
    route(req, res).catch((error: unknown) => {
      (options.onInternalError ?? console.error)(error);
      if (!res.headersSent) sendError(res, 500, 'Internal server error.', ErrorCode.INTERNAL_SERVER_ERROR);
      else res.destroy();
    });
  });

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?', 1)[0] ?? '/';
    if (explorer && (await explorer.handle(req, res, path))) return;
    if (path === GRAPHQL_PATH) return handleGraphQL(req, res);
    sendError(res, 404, `Nothing is served at ${path}; GraphQL is at ${GRAPHQL_PATH}.`, ErrorCode.BAD_REQUEST);
  }

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(config.server.port, config.server.host, () => {
      httpServer.off('error', reject);
      resolve();
    });
  });
  const address = httpServer.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const displayHost = host === '0.0.0.0' || host === '[::]' ? 'localhost' : host;

  return {
    url: `http://${displayHost}:${address.port}${GRAPHQL_PATH}`,
    httpServer,
    apollo,
    chatwoot,
    async close() {
      await new Promise<void>((resolve) => {
        httpServer.close(() => resolve());
        httpServer.closeIdleConnections();
      });
      await apollo.stop();
      await chatwoot.close();
    },
  };
}

import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { type DocumentNode, execute, parse, validate } from 'graphql';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { startStandaloneServer } from '@apollo/server/standalone';
import { ChatwootClient } from '../src/chatwoot/client';
import { loadConfig } from '../src/config';
import { type GatewayContext, tokenFromHeaders } from '../src/graphql/context';
import { createErrorFormatter } from '../src/graphql/errors';
import { buildGatewaySchema } from '../src/graphql/schema';
import { RequestLoaders } from '../src/graphql/loaders';
import { PlatformAccess } from '../src/graphql/principal';
import { readJsonBody } from '../src/http/body';
import { USER_AGENT } from '../src/version';
import { requiredEnv, serveAsChild } from './child';

/** The compared servers serve the Client API only: the Platform API is off. */
const PLATFORM_OFF = new PlatformAccess(false, { serviceKeyDigests: [], operations: [], browserOperations: [] }, () => ({ serviceKey: 'absent', browserShaped: false }));

/**
 * A throwaway variant for choosing Apollo's HTTP integration by measurement (`npm run bench -- --integrations`):
 * the same schema, resolvers, adapter and Apollo options as src/gateway.ts, served by Apollo's own
 * startStandaloneServer (node:http with cors and body-parser) or by Fastify 5 through @as-integrations/fastify,
 * instead of src/http/graphqlHandler.ts. Fastify is not a dependency of the project: that variant runs only where
 * `npm install --no-save fastify@5 @as-integrations/fastify@3` was done, and is skipped otherwise.
 * 'graphql-js' is not an integration but the floor under all of them: no Apollo at all, the same schema and
 * resolvers executed by graphql-js with parsed and validated documents cached, to show what Apollo's pipeline costs.
 */

/** The little of Fastify this variant uses, so that the project compiles without it installed. */
interface FastifyApp {
  route(options: { url: string; method: string[]; handler: unknown }): void;
  listen(options: { port: number; host: string }): Promise<string>;
  close(): Promise<void>;
}

export const VARIANTS = ['standalone', 'fastify', 'graphql-js'] as const;

/** Whether a variant can run here (Fastify may not be installed). */
export function variantAvailable(variant: (typeof VARIANTS)[number]): boolean {
  if (variant !== 'fastify') return true;
  try {
    require.resolve('fastify');
    require.resolve('@as-integrations/fastify');
    return true;
  } catch {
    return false;
  }
}
async function main(): Promise<void> {
  const variant = requiredEnv('BENCH_INTEGRATION');
  const config = loadConfig({ ...process.env, CHATWOOT_BASE_URL: requiredEnv('BENCH_UPSTREAM_URL') });
  const chatwoot = new ChatwootClient({
    baseUrl: config.chatwoot.baseUrl!,
    apiAccessToken: config.chatwoot.apiAccessToken,
    userAgent: USER_AGENT,
    defaultTimeoutMs: config.upstream.defaultTimeoutMs,
    maxResponseBytes: config.upstream.maxResponseBytes,
  });
  const apollo = new ApolloServer<GatewayContext>({
    schema: buildGatewaySchema(),
    csrfPrevention: true,
    formatError: createErrorFormatter({ development: false, onInternalError: (error) => console.error(error) }),
    plugins: [ApolloServerPluginLandingPageDisabled(), ApolloServerPluginCacheControlDisabled()],
  });
  const close = async () => {
    await apollo.stop();
    await chatwoot.close();
  };
  if (variant === 'standalone') {
    const { url } = await startStandaloneServer(apollo, {
      listen: { port: 0, host: '127.0.0.1' },
      context: async ({ req }) => ({
        chatwoot,
        call: { token: tokenFromHeaders(req.headers) },
        loaders: new RequestLoaders({ maxConcurrent: 8 }),
        platform: PLATFORM_OFF,
      }),
    });
    serveAsChild(Number(new URL(url).port), close);
  } else if (variant === 'fastify') {
    /* eslint-disable @typescript-eslint/no-require-imports */
    const fastify = require('fastify') as (options?: object) => FastifyApp;
    const { fastifyApolloHandler } = require('@as-integrations/fastify') as {
      fastifyApolloHandler: (server: ApolloServer<GatewayContext>, options: object) => unknown;
    };
    /* eslint-enable @typescript-eslint/no-require-imports */
    await apollo.start();
    const app = fastify();
    app.route({
      url: '/graphql',
      method: ['GET', 'POST', 'OPTIONS'],
      handler: fastifyApolloHandler(apollo, {
        context: async (request: { headers: IncomingHttpHeaders }) => ({ chatwoot, call: { token: tokenFromHeaders(request.headers) }, loaders: new RequestLoaders({ maxConcurrent: 8 }), platform: PLATFORM_OFF }),
      }),
    });
    const url = await app.listen({ port: 0, host: '127.0.0.1' });
    serveAsChild(Number(new URL(url).port), async () => {
      await app.close();
      await close();
    });
  } else if (variant === 'graphql-js') {
    const schema = buildGatewaySchema();
    const documents = new Map<string, DocumentNode>();
    const server = createServer((req, res) => {
      readJsonBody(req, 1024 * 1024)
        .then(async (body) => {
          const { query, variables } = body as { query: string; variables?: Record<string, unknown> };
          let document = documents.get(query);
          if (!document) {
            document = parse(query);
            if (validate(schema, document).length > 0) throw new Error('invalid document');
            if (documents.size < 1000) documents.set(query, document);
          }
          const result = await execute({ schema, document, variableValues: variables, contextValue: { chatwoot, call: { token: tokenFromHeaders(req.headers) }, loaders: new RequestLoaders({ maxConcurrent: 8 }), platform: PLATFORM_OFF } });
          res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
          res.end(JSON.stringify(result));
        })
        .catch(() => {
          res.statusCode = 400;
          res.end();
        });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    serveAsChild((server.address() as AddressInfo).port, async () => {
      server.close();
      server.closeAllConnections();
      await chatwoot.close();
    });
  } else {
    throw new Error(`unknown BENCH_INTEGRATION ${variant}`);
  }
}

if (require.main === module) main().catch((error: unknown) => {
  console.error('bench integration variant failed to start:', error);
  process.exit(1);
});


import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { startStandaloneServer } from '@apollo/server/standalone';
import { ChatwootClient } from '../src/chatwoot/client';
import { loadConfig } from '../src/config';
import { type GatewayContext, tokenFromHeaders } from '../src/graphql/context';
import { createErrorFormatter } from '../src/graphql/errors';
import { buildGatewaySchema } from '../src/graphql/schema';
import { USER_AGENT } from '../src/version';
import { requiredEnv, serveAsChild } from './child';

/**
 * A throwaway variant for choosing Apollo's HTTP integration by measurement (`npm run bench -- --integrations`):
 * the same schema, resolvers, adapter and Apollo options as src/gateway.ts, served by Apollo's own
 * startStandaloneServer (node:http with cors and body-parser) instead of src/http/graphqlHandler.ts.
 */
async function main(): Promise<void> {
  const variant = requiredEnv('BENCH_INTEGRATION');
  if (variant !== 'standalone') throw new Error(`unknown BENCH_INTEGRATION ${variant}`);
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
    plugins: [ApolloServerPluginLandingPageDisabled()],
  });
  const { url } = await startStandaloneServer(apollo, {
    listen: { port: 0, host: '127.0.0.1' },
    context: async ({ req }) => ({ chatwoot, call: { token: tokenFromHeaders(req.headers) } }),
  });
  const port = Number(new URL(url).port);
  serveAsChild(port, async () => {
    await apollo.stop();
    await chatwoot.close();
  });
}

main().catch((error: unknown) => {
  console.error('bench integration variant failed to start:', error);
  process.exit(1);
});


import { loadConfig } from '../src/config';
import { startGateway } from '../src/gateway';
import { buildGatewaySchema } from '../src/graphql/schema';
import { requiredEnv, serveAsChild } from './child';

/**
 * The real gateway (startGateway, configured from the environment as `npm start` is) in front of the fake Chatwoot.
 * It also reports whether the schema has the bulk mutation, read from the schema itself so that it works whatever
 * NODE_ENV says about introspection.
 */
async function main(): Promise<void> {
  const config = loadConfig({ ...process.env, HOST: '127.0.0.1', PORT: '0', CHATWOOT_BASE_URL: requiredEnv('BENCH_UPSTREAM_URL') });
  const gateway = await startGateway(config, { onInternalError: (error) => console.error('bench gateway:', error) });
  const mutation = buildGatewaySchema().getMutationType();
  const bulk = Boolean(mutation?.getFields().updateContacts);
  serveAsChild(Number(new URL(gateway.url).port), () => gateway.close(), { bulk });
}

main().catch((error: unknown) => {
  console.error('bench gateway failed to start:', error);
  process.exit(1);
});

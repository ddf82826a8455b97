import { Agent, fetch } from 'undici';
import { loadConfig } from '../../src/config';
import { type Gateway, type GatewayOptions, startGateway } from '../../src/gateway';

/** A GraphQL response as a client sees it. */
export interface GraphQLResponse<TData = Record<string, unknown>> {
  status: number;
  headers: { get(name: string): string | null };
  data?: TData | null;
  errors?: Array<{ message: string; path?: string[]; extensions?: Record<string, unknown> }>;
  /** The raw response text, for checks such as "the token appears nowhere". */
  text: string;
}

export interface TestGateway {
  readonly gateway: Gateway;
  readonly url: string;
  /** Failures the gateway masked as INTERNAL_SERVER_ERROR. */
  readonly internalErrors: unknown[];
  /** POSTs one GraphQL operation as a browser or app would, over real HTTP. */
  query<TData = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    headers?: Record<string, string>,
  ): Promise<GraphQLResponse<TData>>;
  close(): Promise<void>;
}

/**
 * Starts the real gateway on 127.0.0.1 (port 0) in front of `chatwootBaseUrl`, with configuration read exactly as
 * `npm start` reads it, from an environment the test supplies.
 */
export async function startTestGateway(
  chatwootBaseUrl: string,
  env: Record<string, string> = {},
  options: GatewayOptions = {},
): Promise<TestGateway> {
  const config = loadConfig({ HOST: '127.0.0.1', PORT: '0', CHATWOOT_BASE_URL: chatwootBaseUrl, LOG_LEVEL: 'silent', ...env });
  const internalErrors: unknown[] = [];
  const gateway = await startGateway(config, { onInternalError: (e) => internalErrors.push(e), ...options });
  // The test client's own connection pool, closed with the gateway so no keep-alive socket outlives the test.
  const client = new Agent({ keepAliveTimeout: 1_000 });
  return {
    gateway,
    url: gateway.url,
    internalErrors,
    async query(query, variables, headers = {}) {
      const response = await fetch(gateway.url, {
        dispatcher: client,
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query, variables }),
      });
      const text = await response.text();
      const parsed = JSON.parse(text) as { data?: never; errors?: never };
      return { status: response.status, headers: response.headers, data: parsed.data, errors: parsed.errors, text };
    },
    async close() {
      // The gateway starts draining at once (readiness flips synchronously); the client pool closes after its requests.
      const closing = gateway.close();
      await client.close();
      await closing;
    },
  };
}

import { type Client, createClient } from 'graphql-ws';
import { WebSocket } from 'ws';

/** What one subscription received, as a graphql-ws client sees it. */
export interface RecordedSubscription {
  /** Every `next` payload, in order. */
  readonly results: Array<{ data?: Record<string, unknown> | null; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> }>;
  /** Resolves when the server completed the subscription (or it failed: then `error` is set). */
  readonly done: Promise<void>;
  error: unknown;
  completed: boolean;
  /** Tells the server we are done (graphql-ws `complete`). */
  unsubscribe(): void;
}

export interface WsClientOptions {
  readonly connectionParams?: Record<string, unknown>;
  /** Headers of the upgrade request (Origin, api-access-token). */
  readonly headers?: Record<string, string>;
}

/** A graphql-ws client (ws's WebSocket) to the gateway's /graphql, as a browser or app would open one. */
export function wsClient(httpUrl: string, options: WsClientOptions = {}): Client {
  const headers = options.headers ?? {};
  class HeaderSocket extends WebSocket {
    constructor(address: string, protocols?: string | string[]) {
      super(address, protocols, { headers });
    }
  }
  return createClient({
    url: httpUrl.replace(/^http/, 'ws'),
    webSocketImpl: HeaderSocket,
    connectionParams: options.connectionParams,
    retryAttempts: 0,
    lazy: true,
  });
}

/** Starts one subscription and records everything that comes back. */
export function record(client: Client, query: string, variables: Record<string, unknown> = {}): RecordedSubscription {
  let finish: () => void = () => undefined;
  const recorded: RecordedSubscription = {
    results: [],
    done: new Promise<void>((resolve) => (finish = resolve)),
    error: undefined,
    completed: false,
    unsubscribe: () => undefined,
  };
  recorded.unsubscribe = client.subscribe(
    { query, variables },
    {
      next: (value) => {
        recorded.results.push(value as RecordedSubscription['results'][number]);
      },
      error: (error) => {
        recorded.error = error;
        finish();
      },
      complete: () => {
        recorded.completed = true;
        finish();
      },
    },
  );
  return recorded;
}

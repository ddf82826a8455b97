import type { ApolloServerPlugin, GraphQLRequestListener } from '@apollo/server';
import type { CallJournal } from './callJournal';
import type { Logger } from './logger';
import type { GatewayMetrics } from './metrics';

/** What the plugin reads of the GraphQL context (src/graphql/context.ts). */
interface ObservedContext {
  readonly call?: { readonly requestId?: string | null; readonly journal?: CallJournal };
}

/** Apollo awaits every hook; one settled promise shared by all calls allocates nothing per request. */
const DONE: Promise<void> = Promise.resolve();

/**
 * Counts every GraphQL request Apollo answers by operation name and outcome (`ok`, or the code of its first error),
 * and logs it at info on one line that lists its upstream calls (method, path template, status, duration, failure).
 * One line per request instead of one per call: the same facts for operators, plus the operation and its outcome,
 * for about the same cost on a single-call request and a sixth of it on a bulk one (bench/RESULTS.md).
 *
 * One listener object serves every request: the per-request state (start time, calls) lives in the request's
 * CallJournal, made with its context.
 */
export function observabilityPlugin(logger: Logger, metrics: GatewayMetrics): ApolloServerPlugin {
  const listener: GraphQLRequestListener<object> = {
    willSendResponse({ request, response, errors, operationName, contextValue }) {
      const body = response.body;
      const first = body.kind === 'single' ? body.singleResult.errors?.[0] : undefined;
      const outcome = (first?.extensions?.code as string | undefined) ?? (errors?.length ? 'error' : 'ok');
      const name = operationName ?? request.operationName;
      metrics.countGraphQLRequest(name, outcome);
      const call = (contextValue as ObservedContext).call;
      const journal = call?.journal;
      // Closed first: a call that ends after this line gets a line of its own.
      journal?.close();
      if (!logger.isLevelEnabled('info')) return DONE;
      logger.info(
        {
          requestId: call?.requestId ?? undefined,
          operation: name ?? null,
          outcome,
          durationMs: journal ? Math.round(performance.now() - journal.startedAt) : undefined,
          upstream: journal?.calls ?? [],
          ...(journal?.unlisted ? { unlistedCalls: journal.unlisted } : {}),
          ...(journal?.failed ? { failedCalls: journal.failed } : {}),
        },
        'graphql request',
      );
      return DONE;
    },
  };
  const started = Promise.resolve(listener);
  return {
    requestDidStart: () => started,
  };
}

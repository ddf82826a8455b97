import type { ApolloServerPlugin } from '@apollo/server';
import type { Logger } from './logger';
import type { GatewayMetrics } from './metrics';

/** The label of a request that named an operation its document does not define (or that never got that far). */
export const UNRESOLVED = 'unresolved';

/**
 * Counts every GraphQL request Apollo answers by operation name and outcome (`ok`, or the code of its first error),
 * and logs it at debug level only: the per-call upstream lines already say what happened, so a per-request info line
 * would double the logging cost on the hot path.
 */
export function observabilityPlugin(logger: Logger, metrics: GatewayMetrics): ApolloServerPlugin {
  return {
    async requestDidStart() {
      const started = performance.now();
      return {
        async willSendResponse({ request, response, errors, operationName, contextValue }) {
          const body = response.body;
          const first = body.kind === 'single' ? body.singleResult.errors?.[0] : undefined;
          const outcome = (first?.extensions?.code as string | undefined) ?? (errors?.length ? 'error' : 'ok');
          // Only a name the document defines (Apollo sets operationName once it has resolved the operation): a name
          // the client merely sent could be anything, and would take a label slot from real operations.
          const name = operationName ?? (request.operationName ? UNRESOLVED : null);
          metrics.countGraphQLRequest(name, outcome);
          if (logger.isLevelEnabled('debug')) {
            const requestId = (contextValue as { call?: { requestId?: string } } | undefined)?.call?.requestId;
            logger.debug(
              { requestId, operation: name ?? null, outcome, durationMs: Math.round(performance.now() - started) },
              'graphql request',
            );
          }
        },
      };
    },
  };
}

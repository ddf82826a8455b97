import type { GraphQLRequestListener } from '@apollo/server';
import { DONE, type SharedListenerPlugin, sharedListenerPlugin } from '../graphql/sharedListener';
import type { CallJournal } from './callJournal';
import type { Logger } from './logger';
import type { GatewayMetrics } from './metrics';

/** The label of a request that named an operation its document does not define (or that never got that far). */
export const UNRESOLVED = 'unresolved';

/** What the plugin reads of the GraphQL context (src/graphql/context.ts). */
interface ObservedContext {
  readonly call?: { readonly requestId?: string | null; readonly journal?: CallJournal };
}


/**
 * Counts every GraphQL request Apollo answers by operation name and outcome (`ok`, or the code of its first error),
 * and logs it at info on one line that lists its upstream calls (method, path template, status, duration, failure).
 * One line per request instead of one per call: the same facts for operators, plus the operation and its outcome,
 * for about the same cost on a single-call request and a sixth of it on a bulk one (bench/RESULTS.md).
 *
 * One listener object serves every request: the per-request state (start time, calls) lives in the request's
 * CallJournal (src/observability/callJournal.ts), made with its context. A context without one (not made by the
 * HTTP handler) gets a line without duration or calls, and its calls get lines of their own.
 */
export function observabilityPlugin<TContext extends object>(logger: Logger, metrics: GatewayMetrics): SharedListenerPlugin<TContext> {
  const writeLine = (contextValue: unknown, operation: string | null, outcome: string): void => {
    const call = (contextValue as ObservedContext | undefined)?.call;
    const journal = call?.journal;
    // Taken whatever the level: taking closes the journal once the request is answered, and a call that ends after
    // that gets a line of its own.
    const entry = journal?.take();
    if (!logger.isLevelEnabled('info')) return;
    logger.info(
      {
        requestId: call?.requestId ?? undefined,
        operation,
        outcome,
        // pino leaves out fields whose value is undefined.
        durationMs: journal ? Math.round(performance.now() - journal.startedAt) : undefined,
        failedCalls: entry?.failed || undefined,
        unlistedCalls: entry?.unlisted || undefined,
        upstream: entry?.calls,
      },
      'graphql request',
    );
  };

  const listener: GraphQLRequestListener<TContext> = {
    willSendResponse({ request, response, errors, operationName, contextValue }) {
      const body = response.body;
      const first = body.kind === 'single' ? body.singleResult.errors?.[0] : undefined;
      const outcome = (first?.extensions?.code as string | undefined) ?? (errors?.length ? 'error' : 'ok');
      // Only a name the document defines (Apollo sets operationName once it has resolved the operation): a name
      // the client merely sent could be anything, and would take a label slot from real operations.
      const name = operationName ?? (request.operationName ? UNRESOLVED : null);
      metrics.countGraphQLRequest(name, outcome);
      writeLine(contextValue, name, outcome);
      return DONE;
    },
  };
  return sharedListenerPlugin(listener, {
    onRequestStart({ contextValue }) {
      (contextValue as ObservedContext).call?.journal?.begin();
    },
    // Apollo failed before answering (a plugin hook threw): no willSendResponse comes, so the calls made so far are
    // logged here rather than lost.
    unexpectedErrorProcessingRequest({ requestContext }) {
      if (requestContext.response.body === undefined) {
        writeLine(requestContext.contextValue, requestContext.operationName ?? null, 'INTERNAL_SERVER_ERROR');
      }
      return DONE;
    },
  });
}

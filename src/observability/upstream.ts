import type { CallOutcome, CallRecord, ObservedCall, UpstreamObserver } from '../chatwoot/observer';
import type { Logger } from './logger';
import { type GatewayMetrics, statusClass } from './metrics';

/**
 * Logs every upstream call exactly once (at info: an operator needs to see what reached Chatwoot) and feeds the
 * upstream metrics. A call made for a GraphQL request is listed on that request's one line
 * (src/observability/apolloPlugin.ts); a call made outside one, or ending after its request was answered, gets a line
 * of its own. Only the method, path template, status, failure kind and duration are recorded: never the path's
 * identifiers, a header or a body.
 */
export function createUpstreamObserver(logger: Logger, metrics: GatewayMetrics): UpstreamObserver {
  return {
    start(call: ObservedCall) {
      const started = performance.now();
      const operation = `${call.method} ${call.pathTemplate}`;
      return (outcome: CallOutcome) => {
        const seconds = (performance.now() - started) / 1000;
        // A call that failed after Chatwoot's headers (a cut or unusable body) counts as an error, not as its status.
        const failedAfterStatus = outcome.errorKind !== undefined && outcome.errorKind !== 'http';
        metrics.upstreamCalls.inc({ operation, status_class: failedAfterStatus ? 'error' : statusClass(outcome.status) });
        metrics.upstreamLatency.observe({ operation }, seconds);
        if (!logger.isLevelEnabled('info')) return;
        const record: CallRecord = {
          method: call.method,
          path: call.pathTemplate,
          status: outcome.status ?? null,
          durationMs: Math.round(seconds * 1000),
          ...(outcome.errorKind ? { error: outcome.errorKind } : {}),
        };
        // Listed on its request's line while the request still collects; a line of its own otherwise.
        if (call.journal?.add(record)) return;
        logger.info({ requestId: call.requestId ?? undefined, upstream: record }, 'upstream call');
      };
    },
  };
}

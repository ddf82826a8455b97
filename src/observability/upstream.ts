import type { CallOutcome, CallRecord, ObservedCall, UpstreamObserver } from '../chatwoot/observer';
import type { Logger } from './logger';
import { type GatewayMetrics, type StatusClass, statusClass } from './metrics';

/**
 * Records every upstream call (at info: an operator needs to see what reached Chatwoot) and feeds the upstream
 * metrics. A call made for a GraphQL request is listed on that request's one line (src/observability/apolloPlugin.ts);
 * any other call gets a line of its own. Only the method, path template, status, failure kind and duration are recorded: never the path's
 * identifiers, a header or a body.
 */
export function createUpstreamObserver(logger: Logger, metrics: GatewayMetrics): UpstreamObserver {
  const series = new OperationSeries(metrics);
  return {
    start(call: ObservedCall) {
      const started = performance.now();
      const operation = series.of(call.method, call.pathTemplate);
      metrics.upstreamInFlight.inc();
      return (outcome: CallOutcome) => {
        const seconds = (performance.now() - started) / 1000;
        metrics.upstreamInFlight.dec();
        // A call that failed after Chatwoot's headers (a cut or unusable body) counts as an error, not as its status.
        const failedAfterStatus = outcome.errorKind !== undefined && outcome.errorKind !== 'http';
        operation.calls(failedAfterStatus ? 'error' : statusClass(outcome.status)).inc();
        operation.latency.observe(seconds);
        if (!logger.isLevelEnabled('info')) return;
        const record: CallRecord = {
          method: call.method,
          path: call.pathTemplate,
          status: outcome.status ?? null,
          durationMs: Math.round(seconds * 1000),
          ...(outcome.errorKind ? { error: outcome.errorKind } : {}),
        };
        // Listed on its request's line when the request still collects; its own line otherwise.
        if (call.journal?.add(record)) return;
        logger.info({ requestId: call.requestId ?? undefined, upstream: record }, 'upstream call');
      };
    },
  };
}

/** The metric series of one upstream operation (method and path template), with its labels bound once. */
interface OperationMetrics {
  readonly latency: { observe(seconds: number): void };
  calls(statusClass: StatusClass): { inc(): void };
}

/**
 * prom-client hashes a label object on every inc/observe; the children returned by `labels()` have theirs bound. Path
 * templates come from the code, not from clients, so the set of operations (and of children kept here) is bounded.
 */
class OperationSeries {
  private readonly byOperation = new Map<string, OperationMetrics>();

  constructor(private readonly metrics: GatewayMetrics) {}

  of(method: string, template: string): OperationMetrics {
    const key = `${method} ${template}`;
    let found = this.byOperation.get(key);
    if (!found) {
      const calls = new Map<StatusClass, { inc(): void }>();
      const counter = this.metrics.upstreamCalls;
      found = {
        latency: this.metrics.upstreamLatency.labels(key),
        calls(status: StatusClass) {
          let child = calls.get(status);
          if (!child) {
            child = counter.labels(key, status);
            calls.set(status, child);
          }
          return child;
        },
      };
      this.byOperation.set(key, found);
    }
    return found;
  }
}

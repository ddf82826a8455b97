import type { CallOutcome, CallRecord, ObservedCall, UpstreamObserver } from '../chatwoot/observer';
import type { Logger } from './logger';
import { type GatewayMetrics, type PendingCount, type StatusClass, statusClass } from './metrics';

/**
 * Logs every upstream call exactly once (at info: an operator needs to see what reached Chatwoot) and feeds the
 * upstream metrics. A call made for a GraphQL request is listed on that request's one line
 * (src/observability/apolloPlugin.ts); a call made outside one, or ending after its request was answered, gets a line
 * of its own. Only the method, path template, status, failure kind and duration are recorded: never the path's
 * identifiers, a header or a body.
 */
export function createUpstreamObserver(logger: Logger, metrics: GatewayMetrics): UpstreamObserver {
  const series = new UpstreamSeries(metrics);
  return {
    start(call: ObservedCall) {
      const started = performance.now();
      const operation = series.of(call.method, call.pathTemplate);
      return (outcome: CallOutcome) => {
        const seconds = (performance.now() - started) / 1000;
        // A call that failed after Chatwoot's headers (a cut or unusable body) counts as an error, not as its status.
        const failedAfterStatus = outcome.errorKind !== undefined && outcome.errorKind !== 'http';
        series.count(operation, failedAfterStatus ? 'error' : statusClass(outcome.status));
        operation.latency.observe(seconds);
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

/**
 * The most distinct upstream operations (method and path template) given series of their own; calls of any further
 * one count under `other`. Path templates come from the code (the operations' declared paths, or identifiers replaced
 * by pathTemplate()), fewer than 200 of them; the bound keeps the label set, and the children kept here,
 * finite even if a template ever slipped a client's value through.
 */
export const MAX_UPSTREAM_OPERATIONS = 500;

/** The operation label of calls past MAX_UPSTREAM_OPERATIONS. */
export const OTHER_OPERATION = 'other';

/** The metric series of one upstream operation, with its label values bound once. */
interface OperationSeries {
  readonly label: string;
  readonly latency: { observe(seconds: number): void };
  /** The counts of calls by status class, made on first use. */
  readonly calls: Partial<Record<StatusClass, PendingCount>>;
}

/**
 * The upstream metrics' label children, bound once per operation: a call then builds no label object and no
 * operation string (prom-client 15 still hashes the bound labels on each observe; calls are counted as plain numbers,
 * added to the counter when it is scraped).
 */
class UpstreamSeries {
  /** By method, then by path template: looking a call up concatenates nothing. */
  private readonly byMethod = new Map<string, Map<string, OperationSeries>>();
  private size = 0;
  private other: OperationSeries | undefined;

  constructor(private readonly metrics: GatewayMetrics) {}

  of(method: string, template: string): OperationSeries {
    let byTemplate = this.byMethod.get(method);
    if (!byTemplate) {
      byTemplate = new Map();
      this.byMethod.set(method, byTemplate);
    }
    const found = byTemplate.get(template);
    if (found) return found;
    if (this.size >= MAX_UPSTREAM_OPERATIONS) return (this.other ??= this.bind(OTHER_OPERATION));
    const made = this.bind(`${method} ${template}`);
    byTemplate.set(template, made);
    this.size += 1;
    return made;
  }

  count(operation: OperationSeries, status: StatusClass): void {
    let count = operation.calls[status];
    if (!count) {
      count = this.metrics.upstreamCallCount(operation.label, status);
      operation.calls[status] = count;
    }
    count.pending += 1;
  }

  private bind(label: string): OperationSeries {
    return { label, latency: this.metrics.upstreamLatency.labels(label), calls: {} };
  }
}

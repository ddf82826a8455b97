import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { RealtimeMetrics } from './realtimeMetrics';

/** Status classes used as a label, so that the label set stays small whatever Chatwoot answers. */
export type StatusClass = '2xx' | '3xx' | '4xx' | '5xx' | 'error';

export function statusClass(status: number | undefined): StatusClass {
  if (status === undefined || status < 200) return 'error';
  if (status < 300) return '2xx';
  if (status < 400) return '3xx';
  if (status < 500) return '4xx';
  return '5xx';
}

/** Live counts of the upstream transport, read when /metrics is scraped. */
export interface UpstreamStats {
  dispatchers(): number;
  callsInFlight(): number;
  callsQueued(): number;
}

/**
 * The gateway's Prometheus metrics, in a Registry of its own so that several gateways in one process (tests, or an
 * embedder) never collide. Label values are bounded: operation names are cut to 64 characters, unnamed ones are
 * `anonymous`, names beyond the first 200 are `other`; only names a document defines count (the plugin labels a
 * request whose name resolves to no operation `unresolved`); outcomes are catalogue codes. Upstream operations are
 * method and path template, `other` past MAX_UPSTREAM_OPERATIONS (src/observability/upstream.ts).
 */
export class GatewayMetrics {
  readonly registry = new Registry();

  /** The pending count of each label set of graphqlRequests, by operation label then outcome (see PendingCounts). */
  private readonly pendingRequests = new Map<string, Map<string, PendingCount>>();
  private readonly requestCounts = new PendingCounts();
  private readonly upstreamCounts = new PendingCounts();

  readonly graphqlRequests: Counter<'operation' | 'outcome'> = new Counter({
    name: 'gateway_graphql_requests_total',
    help: 'GraphQL requests answered, by operation name and outcome (ok or the first error code).',
    labelNames: ['operation', 'outcome'] as const,
    registers: [this.registry],
    collect: (): void => this.requestCounts.addTo(this.graphqlRequests),
  });

  readonly upstreamCalls: Counter<'operation' | 'status_class'> = new Counter({
    name: 'gateway_upstream_calls_total',
    help: 'Calls to Chatwoot, by operation (method and path template) and status class.',
    labelNames: ['operation', 'status_class'] as const,
    registers: [this.registry],
    collect: (): void => this.upstreamCounts.addTo(this.upstreamCalls),
  });

  readonly upstreamLatency = new Histogram({
    name: 'gateway_upstream_call_duration_seconds',
    help: 'Duration of calls to Chatwoot, retries included, until the body was read or the call failed.',
    labelNames: ['operation'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [this.registry],
  });

  /** Subscriptions and the ActionCable bridge (src/realtime). */
  readonly realtime = new RealtimeMetrics(this.registry);

  constructor(upstream: UpstreamStats) {
    new Gauge({
      name: 'gateway_upstream_dispatchers',
      help: 'Pooled undici dispatchers (one per distinct proxy and TLS setting).',
      registers: [this.registry],
      collect() {
        this.set(upstream.dispatchers());
      },
    });
    new Gauge({
      name: 'gateway_upstream_calls_in_flight',
      help: 'Calls to Chatwoot sent and not yet finished (on the wire).',
      registers: [this.registry],
      collect() {
        this.set(upstream.callsInFlight());
      },
    });
    new Gauge({
      name: 'gateway_upstream_calls_queued',
      help: 'Calls to Chatwoot waiting for a slot of GATEWAY_MAX_UPSTREAM_CONCURRENCY or of their connection pool.',
      registers: [this.registry],
      collect() {
        this.set(upstream.callsQueued());
      },
    });
    collectDefaultMetrics({ register: this.registry, prefix: 'gateway_' });
  }

  /** Operation names seen so far; clients choose them, so only the first MAX_OPERATION_NAMES get their own label. */
  private readonly operationNames = new Set<string>();

  /** Counts one answered GraphQL request. */
  countGraphQLRequest(operationName: string | null | undefined, outcome: string): void {
    const operation = this.operationLabel(operationName);
    let byOutcome = this.pendingRequests.get(operation);
    if (!byOutcome) {
      byOutcome = new Map();
      this.pendingRequests.set(operation, byOutcome);
    }
    let count = byOutcome.get(outcome);
    if (!count) {
      count = this.requestCounts.add({ operation, outcome });
      byOutcome.set(outcome, count);
    }
    count.pending += 1;
  }

  /**
   * The count of upstream calls with these labels, to increment as calls end. Call once per label pair and keep it
   * (src/observability/upstream.ts binds one per operation and status class).
   */
  upstreamCallCount(operation: string, statusClass: StatusClass): PendingCount {
    return this.upstreamCounts.add({ operation, status_class: statusClass });
  }

  private operationLabel(name: string | null | undefined): string {
    if (!name) return 'anonymous';
    const label = name.length > 64 ? name.slice(0, 64) : name;
    if (this.operationNames.has(label)) return label;
    if (this.operationNames.size >= MAX_OPERATION_NAMES) return 'other';
    this.operationNames.add(label);
    return label;
  }

  /** The text GET /metrics answers with. */
  render(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}

/** Counts made since the last collection, for one label set of a counter. */
export interface PendingCount {
  pending: number;
}

/**
 * Counts kept as plain numbers and added to their prom-client counter when it is collected (on every scrape, and by
 * `get()`), so that a scrape reads the same totals. Counting is then an addition: prom-client's `inc` validates and
 * hashes the labels on every call, which was most of the metrics' cost per request (bench/RESULTS.md). One entry per
 * label set, never removed: label sets are bounded by the callers (operation names, status classes, outcomes).
 */
class PendingCounts {
  private readonly counts: Array<{ readonly labels: Record<string, string>; readonly count: PendingCount }> = [];

  add(labels: Record<string, string>): PendingCount {
    const count: PendingCount = { pending: 0 };
    this.counts.push({ labels, count });
    return count;
  }

  addTo(counter: Counter<string>): void {
    for (const { labels, count } of this.counts) {
      if (count.pending === 0) continue;
      counter.inc(labels, count.pending);
      count.pending = 0;
    }
  }
}

/** Bounds the label set (and so Prometheus' memory) whatever names clients invent. */
const MAX_OPERATION_NAMES = 200;

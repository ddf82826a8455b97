import type { CallOutcome, ObservedCall } from './observer';

/** What a tracer learns about one upstream call: the observer's facts, plus where it goes. Never a header or a body. */
export interface TracedCall extends ObservedCall {
  /** Chatwoot's origin, e.g. `https://chatwoot.example.com`. */
  readonly origin: string;
  /** The encoded path from the origin, base path included, without the query: it holds identifiers. */
  readonly path: string;
}

/** How the call ended, plus how many times it was sent again (read retries). */
export interface TracedOutcome extends CallOutcome {
  readonly retries: number;
}

/** One upstream call being traced. */
export interface UpstreamSpan {
  /** Adds the trace context (`traceparent`, and `tracestate` when there is one) to the call's headers. */
  inject(headers: Record<string, string>): void;
  /** Called exactly once, when the call ends. */
  end(outcome: TracedOutcome): void;
}

/**
 * Traces upstream calls without the adapter knowing about OpenTelemetry (src/observability/tracing.ts implements
 * it). Absent when tracing is off, so that the transport then does no trace work at all.
 */
export interface UpstreamTracer {
  start(call: TracedCall): UpstreamSpan;
}

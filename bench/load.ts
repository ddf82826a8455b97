import autocannon from 'autocannon';

/** One HTTP request, repeated by every connection. */
export interface RequestShape {
  readonly method: 'POST' | 'PATCH';
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly body: string;
}

export interface LoadResult {
  /** Successful (2xx) requests per second. */
  readonly rps: number;
  /** Latency percentiles of the 2xx answers, in milliseconds (sub-millisecond precision). */
  readonly p50: number;
  readonly p99: number;
  readonly requests: number;
  /** CPU time the server under test used per successful request, in microseconds (immune to other load). */
  readonly cpuPerRequest?: number;
  /** Socket errors, timeouts and non-2xx answers: any of these makes the row suspect. */
  readonly failures: number;
}

/** Bounded memory for latency samples: far above what loopback reaches in one run. */
const MAX_SAMPLES = 2_000_000;

/**
 * Drives `origin` with autocannon for `seconds` at `connections` concurrent keep-alive connections.
 * autocannon's own latency histogram has a resolution of 1 ms, too coarse on loopback, so the precise response
 * times it emits are collected here instead.
 */
export async function drive(origin: string, request: RequestShape, connections: number, seconds: number): Promise<LoadResult> {
  const samples = new Float64Array(MAX_SAMPLES);
  let count = 0;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: origin + request.path,
        method: request.method,
        headers: request.headers,
        body: request.body,
        connections,
        pipelining: 1,
        duration: seconds,
        timeout: 10,
      },
      (error, done) => (error ? reject(error) : resolve(done)),
    );
    // autocannon emits (client, statusCode, bytes, responseTime); its type declarations leave out the client.
    (instance as NodeJS.EventEmitter).on('response', (_client: unknown, statusCode: number, _bytes: number, ms: number) => {
      if (statusCode >= 200 && statusCode < 300 && count < MAX_SAMPLES) samples[count++] = ms;
    });
  });
  const sorted = samples.subarray(0, count).sort();
  return {
    rps: result['2xx'] / result.duration,
    p50: percentile(sorted, 0.5),
    p99: percentile(sorted, 0.99),
    requests: result['2xx'],
    failures: result.errors + result.timeouts + result.non2xx,
  };
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
}

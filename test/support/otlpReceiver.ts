import { createServer } from 'node:http';
import { listenOnLoopback, type RunningServer } from './servers';

/** An attribute as OTLP/JSON writes it: `{ key, value: { stringValue | intValue | boolValue | ... } }`. */
interface OtlpAttribute {
  key: string;
  value: Record<string, unknown>;
}

/** One exported span, flattened from OTLP/JSON, with its attributes as plain values. */
export interface ReceivedSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  /** OTLP SpanKind: 2 server, 3 client. */
  kind: number;
  status: { code?: number; message?: string };
  attributes: Record<string, unknown>;
  /** The service.name of the resource that exported it. */
  serviceName: unknown;
}

export interface OtlpReceiver extends RunningServer {
  /** Every POST /v1/traces body, as received (for "this secret appears nowhere" checks). */
  readonly bodies: string[];
  spans(): ReceivedSpan[];
}

function plain(value: Record<string, unknown>): unknown {
  const [kind, inner] = Object.entries(value)[0] ?? [];
  // int64 values arrive as strings in OTLP/JSON.
  return kind === 'intValue' ? Number(inner) : inner;
}

/** A loopback OTLP/HTTP collector that accepts JSON trace exports (OTEL_EXPORTER_OTLP_TRACES_PROTOCOL=http/json). */
export async function startOtlpReceiver(): Promise<OtlpReceiver> {
  const bodies: string[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      if (req.method === 'POST' && req.url === '/v1/traces') bodies.push(Buffer.concat(chunks).toString('utf8'));
      res.statusCode = req.url === '/v1/traces' ? 200 : 404;
      res.setHeader('content-type', 'application/json');
      res.end('{}');
    });
  });
  const running = await listenOnLoopback(server);
  return {
    ...running,
    bodies,
    spans() {
      const spans: ReceivedSpan[] = [];
      for (const body of bodies) {
        const parsed = JSON.parse(body) as {
          resourceSpans: Array<{
            resource: { attributes: OtlpAttribute[] };
            scopeSpans: Array<{ spans: Array<Omit<ReceivedSpan, 'attributes' | 'serviceName'> & { attributes: OtlpAttribute[] }> }>;
          }>;
        };
        for (const resourceSpans of parsed.resourceSpans) {
          const serviceName = plain(resourceSpans.resource.attributes.find((a) => a.key === 'service.name')?.value ?? {});
          for (const scope of resourceSpans.scopeSpans) {
            for (const span of scope.spans) {
              const attributes = Object.fromEntries(span.attributes.map((a) => [a.key, plain(a.value)]));
              spans.push({ ...span, parentSpanId: span.parentSpanId || undefined, attributes, serviceName });
            }
          }
        }
      }
      return spans;
    },
  };
}

import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  context,
  isSpanContextValid,
  propagation,
  ROOT_CONTEXT,
  type Span,
  SpanKind,
  SpanStatusCode,
  trace,
  type Tracer,
} from '@opentelemetry/api';
import type { ApolloServerPlugin } from '@apollo/server';
import { NodeSDK } from '@opentelemetry/sdk-node';
import {
  ATTR_ERROR_TYPE,
  ATTR_HTTP_REQUEST_METHOD,
  ATTR_HTTP_REQUEST_RESEND_COUNT,
  ATTR_HTTP_RESPONSE_STATUS_CODE,
  ATTR_HTTP_ROUTE,
  ATTR_SERVER_ADDRESS,
  ATTR_SERVER_PORT,
  ATTR_URL_FULL,
} from '@opentelemetry/semantic-conventions';
import type { TracedCall, TracedOutcome, UpstreamSpan, UpstreamTracer } from '../chatwoot/tracer';
import type { TracingConfig } from '../config';
import { VERSION } from '../version';

/*
 * Incubating semantic-convention names, copied rather than imported from the package's `incubating` entry point,
 * which its authors say may change in a minor release.
 */
const ATTR_URL_TEMPLATE = 'url.template';
const ATTR_GRAPHQL_OPERATION_NAME = 'graphql.operation.name';
const ATTR_GRAPHQL_OPERATION_TYPE = 'graphql.operation.type';
/** The catalogue code (src/errors.ts) of the request's first error. */
export const ATTR_GATEWAY_ERROR_CODE = 'gateway.error.code';
export const ATTR_GATEWAY_REQUEST_ID = 'gateway.request.id';

/** The tracing pieces the gateway wires in when tracing is on (src/gateway.ts); nothing of this exists when off. */
export interface Tracing {
  /** Runs one GraphQL HTTP request inside its server span, continuing the caller's `traceparent`. */
  serve(req: IncomingMessage, res: ServerResponse, handle: () => Promise<void>): Promise<void>;
  /** Names the server span after the operation and sets its status from the answer's first error code. */
  readonly plugin: ApolloServerPlugin;
  /** One client span per upstream call, carrying `traceparent` to Chatwoot. */
  readonly upstream: UpstreamTracer;
  /** pino mixin: `trace_id` and `span_id` of the active span on every log line written while a request is served. */
  logFields(): Record<string, string>;
  /** Exports what is buffered and stops the SDK. */
  shutdown(): Promise<void>;
}

/**
 * Load this module through tracingFor (src/observability/tracingSwitch.ts) only: it loads the SDK.
 *
 * Starts the OpenTelemetry Node SDK (which reads the standard OTEL_* variables from process.env: exporter, protocol,
 * endpoint, headers, sampler, resource attributes, batching) and returns the gateway's hooks. No auto-instrumentation:
 * the gateway makes its spans itself, so that it decides exactly which attributes leave the process.
 */
export function startTracing(config: TracingConfig): Tracing {
  const sdk = new NodeSDK({
    serviceName: config.serviceName,
    instrumentations: [],
    // Traces only: without these the SDK would also set up OTLP log and metric exporters from its defaults.
    metricReaders: [],
    logRecordProcessors: [],
  });
  sdk.start();
  const tracer = trace.getTracer('chatwoot-graphql-gateway', VERSION);
  return {
    serve: (req, res, handle) => serveTraced(tracer, req, res, handle),
    plugin: tracingPlugin(),
    upstream: upstreamTracer(tracer, config.identifiers),
    logFields,
    async shutdown() {
      await sdk.shutdown();
      // The SDK registered itself globally; a later start in the same process (tests) must be able to register again.
      trace.disable();
      context.disable();
      propagation.disable();
    },
  };
}

async function serveTraced(tracer: Tracer, req: IncomingMessage, res: ServerResponse, handle: () => Promise<void>): Promise<void> {
  // The caller's W3C traceparent/tracestate, when valid, becomes the parent; otherwise a new trace starts here.
  const parent = propagation.extract(ROOT_CONTEXT, req.headers);
  const method = req.method ?? 'GET';
  const requestId = req.headers['x-request-id'];
  const span = tracer.startSpan(
    'GraphQL',
    {
      kind: SpanKind.SERVER,
      attributes: {
        [ATTR_HTTP_REQUEST_METHOD]: method,
        [ATTR_HTTP_ROUTE]: '/graphql',
        ...(typeof requestId === 'string' ? { [ATTR_GATEWAY_REQUEST_ID]: requestId } : {}),
      },
    },
    parent,
  );
  try {
    await context.with(trace.setSpan(parent, span), handle);
  } catch (error) {
    span.setStatus({ code: SpanStatusCode.ERROR, message: 'INTERNAL_SERVER_ERROR' });
    throw error;
  } finally {
    span.setAttribute(ATTR_HTTP_RESPONSE_STATUS_CODE, res.statusCode);
    // Refused before GraphQL ran (body too large, CSRF, ...): no operation, so the HTTP status is the error.
    if (res.statusCode >= 400 && !named.has(span)) span.setStatus({ code: SpanStatusCode.ERROR, message: `HTTP ${res.statusCode}` });
    span.end();
  }
}

/** Server spans already named after an operation: the first operation of a batched HTTP request names it. */
const named = new WeakSet<Span>();

function tracingPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      const span = trace.getActiveSpan();
      if (!span) return {};
      return {
        async didResolveOperation({ operation, operationName }) {
          if (!operation || named.has(span)) return;
          named.add(span);
          // Only the name and type: the document may hold literal identifiers, and variables are never recorded.
          span.setAttribute(ATTR_GRAPHQL_OPERATION_TYPE, operation.operation);
          if (operationName) span.setAttribute(ATTR_GRAPHQL_OPERATION_NAME, operationName);
          span.updateName(operationName ? `${operation.operation} ${operationName}` : operation.operation);
        },
        async willSendResponse({ response, errors }) {
          const body = response.body;
          const first = body.kind === 'single' ? body.singleResult.errors?.[0] : undefined;
          const code = (first?.extensions?.code as string | undefined) ?? (errors?.length ? 'INTERNAL_SERVER_ERROR' : undefined);
          if (!code) return;
          named.add(span);
          span.setAttribute(ATTR_GATEWAY_ERROR_CODE, code);
          span.setStatus({ code: SpanStatusCode.ERROR, message: code });
        },
      };
    },
  };
}

function upstreamTracer(tracer: Tracer, identifiers: boolean): UpstreamTracer {
  const servers = new Map<string, { address: string; port: number }>();
  const serverOf = (origin: string) => {
    let server = servers.get(origin);
    if (!server) {
      const url = new URL(origin);
      server = { address: url.hostname, port: Number(url.port) || (url.protocol === 'https:' ? 443 : 80) };
      servers.set(origin, server);
    }
    return server;
  };
  return {
    start(call: TracedCall): UpstreamSpan {
      const server = serverOf(call.origin);
      const span = tracer.startSpan(`${call.method} ${call.pathTemplate}`, {
        kind: SpanKind.CLIENT,
        attributes: {
          [ATTR_HTTP_REQUEST_METHOD]: call.method,
          [ATTR_SERVER_ADDRESS]: server.address,
          [ATTR_SERVER_PORT]: server.port,
          // The template, never the path: in the Client API identifiers act as bearer secrets. The query is never
          // recorded, even with GATEWAY_TRACE_IDENTIFIERS.
          [ATTR_URL_TEMPLATE]: call.pathTemplate,
          ...(identifiers ? { [ATTR_URL_FULL]: `${call.origin}${call.path}` } : {}),
        },
      });
      return {
        inject(headers) {
          propagation.inject(trace.setSpan(context.active(), span), headers);
        },
        end(outcome: TracedOutcome) {
          if (outcome.status !== undefined) span.setAttribute(ATTR_HTTP_RESPONSE_STATUS_CODE, outcome.status);
          if (outcome.retries > 0) span.setAttribute(ATTR_HTTP_REQUEST_RESEND_COUNT, outcome.retries);
          if (outcome.errorKind) {
            const type = outcome.errorKind === 'http' && outcome.status !== undefined ? String(outcome.status) : outcome.errorKind;
            span.setAttribute(ATTR_ERROR_TYPE, type);
            span.setStatus({ code: SpanStatusCode.ERROR, message: type });
          }
          span.end();
        },
      };
    },
  };
}

function logFields(): Record<string, string> {
  const span = trace.getActiveSpan();
  if (!span) return {};
  const { traceId, spanId } = span.spanContext();
  return isSpanContextValid(span.spanContext()) ? { trace_id: traceId, span_id: spanId } : {};
}

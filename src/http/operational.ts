import type { IncomingMessage, ServerResponse } from 'node:http';
import { acceptRequestId } from '../observability/logger';
import type { GatewayMetrics } from '../observability/metrics';
import { createCors } from './cors';
import type { Health } from './health';

export interface OperationalRoutesOptions {
  readonly health: Health;
  readonly metrics: GatewayMetrics;
  readonly corsOrigins: readonly string[];
}

/**
 * What the gateway answers besides GraphQL: CORS preflights, /healthz, /readyz and /metrics. For every other
 * request it settles the request id (the caller's sane x-request-id or a fresh one), puts it back on the request for
 * the GraphQL handler and on the response for the caller. Returns true when it answered the request itself.
 */
export function createOperationalRoutes(options: OperationalRoutesOptions) {
  const { health, metrics } = options;
  const applyCors = createCors(options.corsOrigins);

  // Synchronous for every request but /metrics: each GraphQL request passes through here, and an async function would
  // cost it a promise and a turn. Returns true when it answered, the answer's promise for /metrics (a failure goes to
  // the server's one error boundary), false when the request is not its own.
  return function operational(req: IncomingMessage, res: ServerResponse, path: string): boolean | Promise<void> {
    if (applyCors(req, res)) return true;
    if (req.method === 'GET' || req.method === 'HEAD') {
      if (path === '/healthz') {
        health.live(res);
        return true;
      }
      if (path === '/readyz') {
        health.readiness(res);
        return true;
      }
      if (path === '/metrics') return serveMetrics(metrics, res);
    }
    const requestId = acceptRequestId(req.headers['x-request-id']);
    req.headers['x-request-id'] = requestId;
    res.setHeader('x-request-id', requestId);
    return false;
  };
}

async function serveMetrics(metrics: GatewayMetrics, res: ServerResponse): Promise<void> {
  const text = await metrics.render();
  res.statusCode = 200;
  res.setHeader('content-type', metrics.contentType);
  res.end(text);
}

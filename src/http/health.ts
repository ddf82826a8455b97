import type { ServerResponse } from 'node:http';

/**
 * Liveness and readiness for orchestrators (Kubernetes probes):
 * - GET /healthz answers 200 while the process can serve HTTP at all (liveness: restart me if this fails).
 * - GET /readyz answers 200 once the configuration is loaded and the server listens, and 503 from the moment
 *   shutdown begins, so the load balancer stops sending new requests during the grace period (readiness).
 * Neither probe calls Chatwoot: a sick Chatwoot must not make the orchestrator restart healthy gateways.
 */
export class Health {
  private ready = false;
  private draining = false;

  /** The server listens; readiness may turn green. */
  markReady(): void {
    this.ready = true;
  }

  /** Shutdown began; readiness turns red for good. */
  markDraining(): void {
    this.draining = true;
  }

  get isReady(): boolean {
    return this.ready && !this.draining;
  }

  /** Answers GET /healthz. */
  live(res: ServerResponse): void {
    send(res, 200, { status: 'ok' });
  }

  /** Answers GET /readyz. */
  readiness(res: ServerResponse): void {
    if (this.isReady) send(res, 200, { status: 'ready' });
    else send(res, 503, { status: this.draining ? 'shutting_down' : 'starting' });
  }
}

function send(res: ServerResponse, status: number, body: Record<string, string>): void {
  res.statusCode = status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.setHeader('cache-control', 'no-store');
  res.end(JSON.stringify(body));
}

import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { Server as NetServer, type Socket } from 'node:net';
import type { Logger } from './observability/logger';

/**
 * Graceful shutdown. On SIGTERM (what Kubernetes and most supervisors send) or SIGINT (Ctrl-C) the gateway stops
 * accepting connections, lets requests in flight finish for up to GATEWAY_SHUTDOWN_GRACE_MS, cuts whatever is still
 * open after that, closes its Chatwoot connections and exits 0. A second signal exits at once with status 1.
 */

/** How long a connection must have been idle before draining closes it: a client may be sending on it right now. */
const IDLE_BEFORE_CLOSE_MS = 500;

/**
 * Follows the server's connections and responses so that draining can close them without cutting a request.
 *
 * Why not Node's server.close() and closeIdleConnections(): they destroy every connection that is between two
 * requests, and under keep-alive load some of those already carry the client's next request in flight; that request
 * then meets a reset although it was never processed. Here, once draining, every response says `Connection: close`
 * (Node then closes the connection after it, and the client knows not to reuse it), and a connection without a
 * request is closed only once it has been idle for IDLE_BEFORE_CLOSE_MS.
 */
export class ConnectionTracker {
  private readonly connections = new Map<Socket, { active: number; idleSince: number }>();
  private readonly responses = new Set<ServerResponse>();
  private draining = false;

  constructor(private readonly server: Server) {
    server.on('connection', (socket: Socket) => {
      this.connections.set(socket, { active: 0, idleSince: Date.now() });
      socket.once('close', () => this.connections.delete(socket));
    });
  }

  /** Call first thing for every request, before anything is written to `res`. */
  track(req: IncomingMessage, res: ServerResponse): void {
    if (this.draining) res.setHeader('connection', 'close');
    const state = this.connections.get(req.socket);
    if (state) state.active += 1;
    this.responses.add(res);
    res.once('close', () => {
      this.responses.delete(res);
      if (state) {
        state.active -= 1;
        state.idleSince = Date.now();
      }
    });
  }

  /** Whether draining has begun. */
  get isDraining(): boolean {
    return this.draining;
  }

  /**
   * Stops accepting connections, answers what is in flight with `Connection: close`, closes idle connections, and
   * waits until every connection is gone or `graceMs` has passed, when the rest are destroyed. Resolves true when
   * nothing had to be cut.
   */
  async drain(graceMs: number): Promise<boolean> {
    this.draining = true;
    for (const res of this.responses) if (!res.headersSent) res.setHeader('connection', 'close');
    // net.Server's close only stops listening; http.Server's would also destroy every connection between requests.
    const stopped = new Promise<void>((resolve) => netClose.call(this.server, () => resolve()));
    const deadline = Date.now() + graceMs;
    while (this.connections.size > 0 && Date.now() < deadline) {
      const now = Date.now();
      for (const [socket, state] of this.connections) {
        if (state.active === 0 && now - state.idleSince >= IDLE_BEFORE_CLOSE_MS) socket.destroy();
      }
      if (this.connections.size === 0) break;
      await sleep(Math.min(50, Math.max(1, deadline - Date.now())));
    }
    const clean = this.connections.size === 0;
    for (const socket of this.connections.keys()) socket.destroy();
    await stopped;
    // Nothing is left to close now; http.Server's close also stops its timer checking the request timeouts.
    this.server.close(() => undefined);
    return clean;
  }
}

const netClose = NetServer.prototype.close as (this: Server, callback: () => void) => Server;

/**
 * Waits for `work` at most `ms`; used for closing upstream connections after the grace period, when a call may still
 * be waiting on Chatwoot and must not hold the process.
 */
export async function settleWithin(work: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    work.then(
      () => undefined,
      () => undefined,
    ),
    new Promise<void>((resolve) => {
      timer = setTimeout(resolve, ms);
      timer.unref();
    }),
  ]);
  clearTimeout(timer);
}

export interface Stoppable {
  close(): Promise<void>;
}

export interface SignalOptions {
  readonly logger: Logger;
  /** Called with the exit status; process.exit outside tests. */
  readonly exit?: (status: number) => void;
  readonly signals?: readonly NodeJS.Signals[];
}

/** Installs the SIGTERM/SIGINT handlers that close `running` and exit. Returns a function removing them. */
export function exitOnSignals(running: Stoppable, options: SignalOptions): () => void {
  const { logger } = options;
  const exit = options.exit ?? ((status: number) => process.exit(status));
  const signals = options.signals ?? (['SIGTERM', 'SIGINT'] as const);
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) {
      logger.warn({ signal }, 'second signal received during shutdown, exiting now');
      exit(1);
      return;
    }
    stopping = true;
    logger.info({ signal }, 'signal received, shutting down gracefully');
    running.close().then(
      () => {
        logger.info('shutdown complete');
        flushThenExit(logger, () => exit(0));
      },
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        flushThenExit(logger, () => exit(1));
      },
    );
  };
  for (const signal of signals) process.on(signal, onSignal);
  return () => {
    for (const signal of signals) process.off(signal, onSignal);
  };
}

/** Logs are written asynchronously; give them a bounded moment to reach stdout before the process ends. */
function flushThenExit(logger: Logger, exit: () => void): void {
  let exited = false;
  const once = () => {
    if (exited) return;
    exited = true;
    exit();
  };
  setTimeout(once, 500).unref();
  try {
    logger.flush(() => once());
  } catch {
    once();
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

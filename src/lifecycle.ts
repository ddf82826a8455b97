import type { Server } from 'node:http';
import type { Logger } from './observability/logger';

/**
 * Graceful shutdown. On SIGTERM (what Kubernetes and most supervisors send) or SIGINT (Ctrl-C) the gateway stops
 * accepting connections, lets requests in flight finish for up to GATEWAY_SHUTDOWN_GRACE_MS, cuts whatever is still
 * open after that, closes its Chatwoot connections and exits 0. A second signal exits at once with status 1.
 */

/**
 * Stops `server` accepting, closes keep-alive connections as soon as they are idle, and waits until every connection
 * is gone or `graceMs` has passed, when the remaining ones are destroyed. Resolves true when nothing had to be cut.
 */
export async function drainServer(server: Server, graceMs: number): Promise<boolean> {
  let closed = false;
  const done = new Promise<void>((resolve) => {
    server.close(() => {
      closed = true;
      resolve();
    });
  });
  const deadline = Date.now() + graceMs;
  // A connection that finishes its request stays open for keep-alive; close it as soon as it is idle again.
  server.closeIdleConnections();
  while (!closed && Date.now() < deadline) {
    await Promise.race([done, sleep(Math.min(50, Math.max(1, deadline - Date.now())))]);
    server.closeIdleConnections();
  }
  if (closed) return true;
  server.closeAllConnections();
  await done;
  return false;
}

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

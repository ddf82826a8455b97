/**
 * The protocol between the bench and the servers it forks. Each server is its own process, so it has its own event
 * loop and the bench can read its memory and CPU time from outside. A child answers `ready` with its port once it listens, exits
 * cleanly on `stop` (which lets `--cpu-prof` write its profile), and exits on its own if the bench goes away.
 */

export type ChildMessage =
  | { readonly type: 'ready'; readonly port: number; readonly facts?: Record<string, unknown> }
  | { readonly type: 'memory'; readonly rss: number }
  | { readonly type: 'cpu'; readonly micros: number };

export type ParentMessage = { readonly type: 'stop' } | { readonly type: 'memory' } | { readonly type: 'cpu' };

/** Runs in a child: reports the port, answers memory requests, and stops with `close` when told to. */
export function serveAsChild(port: number, close: () => Promise<void>, facts?: Record<string, unknown>): void {
  const send = (message: ChildMessage) => process.send?.(message);
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    // A bounded shutdown: a stuck keep-alive socket must not keep the bench waiting.
    setTimeout(() => process.exit(0), 3000).unref();
    close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('message', (message: ParentMessage) => {
    if (message.type === 'stop') stop();
    else if (message.type === 'memory') send({ type: 'memory', rss: process.memoryUsage().rss });
    else if (message.type === 'cpu') {
      const { user, system } = process.cpuUsage();
      send({ type: 'cpu', micros: user + system });
    }
  });
  process.on('disconnect', stop);
  send({ type: 'ready', port, facts });
}

/** Reads a required environment variable of a child. */
export function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set; this file is started by bench/run.ts`);
  return value;
}

import { type ChildProcess, fork } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ChildMessage } from './child';

/** A server the bench forked: its pid, its URL on loopback, and what it reported when ready. */
export interface BenchServer {
  readonly name: string;
  readonly pid: number;
  readonly origin: string;
  readonly facts: Record<string, unknown>;
  /** Resident memory now, in bytes. */
  rss(): Promise<number>;
  /** Peak resident memory since start (VmHWM), in bytes; the highest sample seen where /proc is missing. */
  peakRss(): Promise<number>;
  /** CPU time (user + system) the process has used since it started, in microseconds. */
  cpuMicros(): Promise<number>;
  stop(): Promise<void>;
}

export interface ForkOptions {
  readonly env?: Record<string, string>;
  /** Extra node flags, e.g. --cpu-prof. */
  readonly execArgv?: readonly string[];
  readonly readyTimeoutMs?: number;
  /** The directory of compiled bench files to fork from (another checkout's dist/bench, for before/after runs). */
  readonly dir?: string;
}

/** Forks `bench/<file>.js` (compiled next to this file) and waits until it listens. */
export async function forkServer(name: string, file: string, options: ForkOptions = {}): Promise<BenchServer> {
  const child = fork(join(options.dir ?? __dirname, `${file}.js`), [], {
    env: { ...process.env, ...options.env },
    execArgv: [...(options.execArgv ?? [])],
    // stdout (the gateway's JSON log, one line per upstream call at the default LOG_LEVEL=info) goes to /dev/null as a
    // log shipper would take it: still produced and paid for, but not piped into the bench's own output, where a
    // slow terminal would make pino buffer and inflate the gateway's memory.
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const ready = await waitForReady(name, child, options.readyTimeoutMs ?? 15_000);
  const pid = child.pid!;
  let highest = 0;

  const rss = async (): Promise<number> => {
    const fromProc = procStatus(pid, 'VmRSS');
    const value = fromProc ?? (await ask(child, 'memory'));
    highest = Math.max(highest, value);
    return value;
  };

  return {
    name,
    pid,
    origin: `http://127.0.0.1:${ready.port}`,
    facts: ready.facts ?? {},
    rss,
    async peakRss() {
      return procStatus(pid, 'VmHWM') ?? Math.max(highest, await rss());
    },
    cpuMicros: () => ask(child, 'cpu'),
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.send({ type: 'stop' });
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

function waitForReady(name: string, child: ChildProcess, timeoutMs: number): Promise<{ port: number; facts?: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${name} did not start within ${timeoutMs} ms`));
    }, timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited with code ${code} before it was ready`));
    });
    child.on('message', (message: ChildMessage) => {
      if (message.type !== 'ready') return;
      clearTimeout(timer);
      child.removeAllListeners('exit');
      resolve(message);
    });
  });
}

/** A `kB` line of /proc/<pid>/status in bytes, or undefined off Linux. */
function procStatus(pid: number, field: 'VmRSS' | 'VmHWM'): number | undefined {
  try {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** Asks the child for its memory (used only where /proc is missing) or its CPU time, over IPC. */
function ask(child: ChildProcess, type: 'memory' | 'cpu'): Promise<number> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.off('message', onMessage);
      reject(new Error(`no ${type} answer within 10 s`));
    }, 10_000);
    const onMessage = (message: ChildMessage) => {
      if (message.type !== type) return;
      clearTimeout(timer);
      child.off('message', onMessage);
      resolve(message.type === 'cpu' ? message.micros : message.rss);
    };
    child.on('message', onMessage);
    child.send({ type });
  });
}

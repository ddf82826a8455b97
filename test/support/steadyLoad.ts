import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** What a bounded fixed-rate run did, and the heap after a forced collection at the end of warm-up and of the run. */
export interface SteadyLoadResult {
  readonly sent: number;
  readonly completed: number;
  /** Slots not used because MAX in flight were already waiting (the machine could not keep up). */
  readonly skipped: number;
  readonly failures: readonly string[];
  readonly warm: NodeJS.MemoryUsage;
  readonly end: NodeJS.MemoryUsage;
}

export interface SteadyLoadOptions {
  readonly ratePerSecond: number;
  readonly warmUpMs: number;
  readonly runMs: number;
  readonly maxInFlight: number;
  /** Sends request `n` and describes what was wrong with its answer, or returns nothing when it was right. */
  readonly send: (n: number) => Promise<readonly string[] | void>;
}

/**
 * Sends requests at a fixed rate for a warm-up and then a measured run, never more than `maxInFlight` at once, and
 * waits for all of them: the loop is bounded in time and in concurrency and stops by itself.
 */
export async function runSteadyLoad(options: SteadyLoadOptions): Promise<SteadyLoadResult> {
  const gc = forceGc();
  const failures: string[] = [];
  let sent = 0;
  let completed = 0;
  let inFlight = 0;
  let skipped = 0;

  const one = async (n: number) => {
    try {
      const problems = await options.send(n);
      if (problems) failures.push(...problems);
    } catch (error) {
      failures.push(String(error));
    } finally {
      completed += 1;
      inFlight -= 1;
    }
  };

  const runFor = async (ms: number) => {
    const start = performance.now();
    const interval = 1000 / options.ratePerSecond;
    const pending: Promise<void>[] = [];
    for (let due = 0; due < ms; due += interval) {
      const wait = start + due - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      if (inFlight >= options.maxInFlight) {
        skipped += 1;
        continue;
      }
      inFlight += 1;
      pending.push(one(sent++));
    }
    await Promise.all(pending);
  };

  await runFor(options.warmUpMs);
  gc();
  const warm = process.memoryUsage();
  await runFor(options.runMs);
  gc();
  const end = process.memoryUsage();
  return { sent, completed, skipped, failures, warm, end };
}

function forceGc(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

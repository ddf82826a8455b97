import { setFlagsFromString } from 'node:v8';

/**
 * How far V8 lets its old generation grow past what survived the last full collection before it collects again.
 *
 * Why: without a bound V8 picks a growing factor of up to 4 when collections are fast and the heap limit is large
 * (4 GB here), so under bursts of bulk work the process grew to 250-270 MB for a live heap of tens of MB
 * (bench/RESULTS.md). A hard cap (`--max-old-space-size`) bounds it too, but it also makes V8 mark incrementally far
 * more often: it cost 25-35% more CPU per request and doubled p99 (measured, any cap from 160 to 512 MB), and it
 * turns a burst into an out-of-memory crash. A growing factor keeps peak memory near twice the live heap at no
 * measurable cost and has no ceiling.
 *
 * The flag is read each time V8 sizes the heap, so it takes effect when set at run time, unlike the heap limit; that
 * keeps it out of the command line (Node does not accept it in NODE_OPTIONS either). It is process-wide: the last
 * gateway started in a process sets it. 0 leaves V8's own choice.
 */
export function applyHeapGrowingPercent(percent: number): void {
  if (percent > 0) setFlagsFromString(`--heap-growing-percent=${Math.floor(percent)}`);
}

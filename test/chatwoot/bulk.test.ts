import { runInBatches, SHUTTING_DOWN } from '../../src/chatwoot/bulk';
import { CallNotAttemptedError } from '../../src/chatwoot/errors';

describe('runInBatches', () => {
  it('starts each batch at least batchIntervalMs after the previous one, measured where the calls are made', async () => {
    const startedAt: number[] = [];
    let inFlight = 0;
    let maxInFlight = 0;
    const outcomes = await runInBatches([0, 1, 2, 3, 4, 5, 6], { itemsPerBatch: 2, batchIntervalMs: 60 }, async (item) => {
      startedAt[item] = performance.now();
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await new Promise((resolve) => setTimeout(resolve, item % 2 === 0 ? 15 : 5));
      inFlight -= 1;
      return item * 10;
    });

    expect(maxInFlight).toBe(2);
    for (const first of [2, 4, 6]) expect(startedAt[first]! - startedAt[first - 2]!).toBeGreaterThanOrEqual(60);
    expect(outcomes).toEqual([0, 1, 2, 3, 4, 5, 6].map((index) => ({ index, value: index * 10 })));
  });

  it('waits for a slow batch to finish before starting the next one, even when the interval has passed', async () => {
    const events: string[] = [];
    await runInBatches(['a', 'b'], { itemsPerBatch: 1, batchIntervalMs: 0 }, async (item) => {
      events.push(`start ${item}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
      events.push(`end ${item}`);
    });

    expect(events).toEqual(['start a', 'end a', 'start b', 'end b']);
  });

  it('keeps every item’s own outcome: a failure (even a synchronous throw) never fails the others', async () => {
    const failure = new Error('item 1 failed');
    const outcomes = await runInBatches([0, 1, 2], { itemsPerBatch: 3, batchIntervalMs: 0 }, (item) => {
      if (item === 1) throw failure;
      return Promise.resolve(`ok ${item}`);
    });

    expect(outcomes).toEqual([
      { index: 0, value: 'ok 0' },
      { index: 1, error: failure },
      { index: 2, value: 'ok 2' },
    ]);
  });

  it('returns an empty list for no items without waiting for an interval', async () => {
    // Were it to wait, the 60 s interval would outlast jest's timeout.
    expect(await runInBatches([], { itemsPerBatch: 1, batchIntervalMs: 60_000 }, () => Promise.resolve(1))).toEqual([]);
  });

  it('starts no new batch once a stop signal is aborted, even while it waits out the interval, and says what was applied', async () => {
    const stop = new AbortController();
    const started: number[] = [];
    const run = runInBatches(
      [0, 1, 2, 3, 4, 5],
      { itemsPerBatch: 2, batchIntervalMs: 60_000 },
      async (item) => {
        started.push(item);
        if (item === 1) throw new Error('item failed on its own');
        return item;
      },
      [stop.signal],
    );
    // The first batch runs at once; the next would wait a minute, but the stop ends the wait.
    setTimeout(() => stop.abort(SHUTTING_DOWN), 20);
    const outcomes = await run;

    expect(started).toEqual([0, 1]);
    expect(outcomes.map((o) => o.index)).toEqual([0, 1, 2, 3, 4, 5]);
    const rest = outcomes.slice(2).map((o) => o.error);
    expect(rest.every((e) => e instanceof CallNotAttemptedError && e.reason === 'shutting_down')).toBe(true);
    expect((rest[0] as Error).message).toContain('1 of 6 items were applied');
  });
});

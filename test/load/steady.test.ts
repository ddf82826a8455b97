import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { startSimulator, type Simulator } from '../../src/simulator';
import { captureLogs, type CapturedLogs, upstreamLines } from '../support/logs';
import { startTestGateway, type TestGateway } from '../support/gateway';

/**
 * Load: a bounded run at a fixed request rate against the embedded simulator, mixing reads and writes. Every request
 * must succeed, and memory must be flat: the heap after a forced GC at the end may exceed the heap after warm-up by
 * a generous margin only. This is a leak check, not a benchmark: no latency or throughput is asserted.
 */

const RATE_PER_SECOND = Number(process.env.LOAD_RATE ?? 100);
const WARM_UP_MS = 2_000;
const RUN_MS = Number(process.env.LOAD_MS ?? 8_000);
const MAX_IN_FLIGHT = 64;
const HEAP_TOLERANCE_BYTES = 24 * 1024 * 1024;
const TOKEN = 'load-suite-token-SECRET-5c4d';

function forceGc(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

describe('steady load against the simulator', () => {
  let simulator: Simulator;
  let gateway: TestGateway;
  let logs: CapturedLogs;

  beforeAll(async () => {
    simulator = await startSimulator();
    const captured = captureLogs('info');
    logs = captured.logs;
    gateway = await startTestGateway(simulator.url, { CHATWOOT_API_ACCESS_TOKEN: TOKEN }, { logger: captured.logger });
  });
  afterAll(async () => {
    await gateway.close();
    await simulator.close();
  });

  it(`answers every request at ${RATE_PER_SECOND}/s for ${(WARM_UP_MS + RUN_MS) / 1000} s with flat memory`, async () => {
    const gc = forceGc();
    const { inboxIdentifier, contactIdentifier } = simulator.demo;
    const read = { query: 'query Read($i: String!, $c: String!) { contact(inboxIdentifier: $i, contactIdentifier: $c) { id name } }', variables: { i: inboxIdentifier, c: contactIdentifier } };
    const failures: string[] = [];
    let sent = 0;
    let completed = 0;
    let inFlight = 0;
    let skipped = 0;

    const one = async (n: number) => {
      const body =
        n % 4 === 0
          ? {
              query: 'mutation Save($i: String!, $c: String!, $input: UpdateContactInput!) { updateContact(inboxIdentifier: $i, contactIdentifier: $c, input: $input) { id name } }',
              variables: { i: inboxIdentifier, c: contactIdentifier, input: { name: `Load ${n % 50}`, customAttributes: { n: n % 10 } } },
            }
          : read;
      try {
        const response = await fetch(gateway.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
        const text = await response.text();
        if (response.status !== 200 || text.includes('"errors"')) failures.push(`${response.status} ${text.slice(0, 200)}`);
        if (text.includes(TOKEN)) failures.push('the token appeared in a response');
      } catch (error) {
        failures.push(String(error));
      } finally {
        completed += 1;
        inFlight -= 1;
      }
    };

    const runFor = async (ms: number) => {
      const start = performance.now();
      const interval = 1000 / RATE_PER_SECOND;
      const pending: Promise<void>[] = [];
      for (let due = 0; due < ms; due += interval) {
        const wait = start + due - performance.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        if (inFlight >= MAX_IN_FLIGHT) {
          skipped += 1;
          continue;
        }
        inFlight += 1;
        pending.push(one(sent++));
      }
      await Promise.all(pending);
    };

    await runFor(WARM_UP_MS);
    gc();
    const warm = process.memoryUsage();
    await runFor(RUN_MS);
    gc();
    const end = process.memoryUsage();

    expect(failures.slice(0, 5)).toEqual([]);
    expect(completed).toBe(sent);
    expect(skipped).toBe(0);
    expect(sent).toBeGreaterThan(((WARM_UP_MS + RUN_MS) / 1000) * RATE_PER_SECOND * 0.95);
    expect(end.heapUsed - warm.heapUsed).toBeLessThan(HEAP_TOLERANCE_BYTES);
    expect(upstreamLines(logs)).toHaveLength(sent);
    expect(logs.text()).not.toContain(TOKEN);
    if (process.env.LOAD_REPORT) {
      console.log(`sent ${sent}; heap ${(warm.heapUsed / 1e6).toFixed(1)} -> ${(end.heapUsed / 1e6).toFixed(1)} MB; rss ${(warm.rss / 1e6).toFixed(1)} -> ${(end.rss / 1e6).toFixed(1)} MB`);
    }
  }, 60_000);
});

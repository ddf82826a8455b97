import { startSimulator, type Simulator } from '../../src/simulator';
import { captureLogs, type CapturedLogs, upstreamLines } from '../support/logs';
import { startTestGateway, type TestGateway } from '../support/gateway';
import { runSteadyLoad } from '../support/steadyLoad';

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
    const { inboxIdentifier, contactIdentifier } = simulator.demo;
    const read = { query: 'query Read($i: String!, $c: String!) { contact(inboxIdentifier: $i, contactIdentifier: $c) { id name } }', variables: { i: inboxIdentifier, c: contactIdentifier } };
    const { sent, completed, skipped, failures, warm, end } = await runSteadyLoad({
      ratePerSecond: RATE_PER_SECOND,
      warmUpMs: WARM_UP_MS,
      runMs: RUN_MS,
      maxInFlight: MAX_IN_FLIGHT,
      send: async (n) => {
        const body =
          n % 4 === 0
            ? {
                query: 'mutation Save($i: String!, $c: String!, $input: UpdateContactInput!) { updateContact(inboxIdentifier: $i, contactIdentifier: $c, input: $input) { id name } }',
                variables: { i: inboxIdentifier, c: contactIdentifier, input: { name: `Load ${n % 50}`, customAttributes: { n: n % 10 } } },
              }
            : read;
        const response = await fetch(gateway.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
        const text = await response.text();
        const problems: string[] = [];
        if (response.status !== 200 || text.includes('"errors"')) problems.push(`${response.status} ${text.slice(0, 200)}`);
        if (text.includes(TOKEN)) problems.push('the token appeared in a response');
        return problems;
      },
    });

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

import { startSimulator, type Simulator } from '../../src/simulator';
import { APPLICATION_DEMO } from '../../src/simulator/application';
import { captureLogs, type CapturedLogs, upstreamLines } from '../support/logs';
import { startTestGateway, type TestGateway } from '../support/gateway';
import { runSteadyLoad } from '../support/steadyLoad';

/**
 * Load on the agents' busiest read: `account.conversations` with contacts and last messages, mixed with status
 * changes, at a fixed rate for a bounded time against the simulator. Every request must succeed with exactly one
 * upstream call (the page embeds what is selected), no token may appear in answers or logs, and memory must be flat.
 * A leak and cost check, not a benchmark: nothing about latency is asserted.
 */

const RATE_PER_SECOND = Number(process.env.LOAD_RATE ?? 20);
const WARM_UP_MS = 1_500;
const RUN_MS = Number(process.env.LOAD_MS ?? 5_000);
const MAX_IN_FLIGHT = 64;
const HEAP_TOLERANCE_BYTES = 24 * 1024 * 1024;

describe('steady load on account.conversations', () => {
  let simulator: Simulator;
  let gateway: TestGateway;
  let logs: CapturedLogs;

  beforeAll(async () => {
    simulator = await startSimulator();
    const link = simulator.store.contactInboxes[0]!;
    for (let i = 0; i < 40; i++) simulator.store.addMessage(simulator.store.addConversation(link), { content: `question ${i}` });
    const captured = captureLogs('info');
    logs = captured.logs;
    gateway = await startTestGateway(simulator.url, { GATEWAY_APPLICATION_API: 'true' }, { logger: captured.logger });
  });
  afterAll(async () => {
    await gateway.close();
    await simulator.close();
  });

  it(`answers every request at ${RATE_PER_SECOND}/s with one upstream call each and flat memory`, async () => {
    const headers = { 'content-type': 'application/json', 'api-access-token': APPLICATION_DEMO.adminToken };
    const list = { query: '{ account(id: 1) { conversations(status: ALL) { totalCount hasNextPage nodes { displayId status contact { name } lastMessage { content } } } } }' };
    const { sent, completed, skipped, failures, warm, end } = await runSteadyLoad({
      ratePerSecond: RATE_PER_SECOND,
      warmUpMs: WARM_UP_MS,
      runMs: RUN_MS,
      maxInFlight: MAX_IN_FLIGHT,
      send: async (n) => {
        const body = n % 5 === 0 ? { query: `mutation { changeConversationStatus(accountId: 1, displayId: ${(n % 40) + 2}) { status } }` } : list;
        const response = await fetch(gateway.url, { method: 'POST', headers, body: JSON.stringify(body) });
        const text = await response.text();
        const problems: string[] = [];
        if (response.status !== 200 || text.includes('"errors"')) problems.push(`${response.status} ${text.slice(0, 200)}`);
        if (text.includes(APPLICATION_DEMO.adminToken)) problems.push('the token appeared in a response');
        return problems;
      },
    });

    expect(failures.slice(0, 5)).toEqual([]);
    expect(completed).toBe(sent);
    // A slot is skipped only when the machine cannot keep up; the run stays bounded either way.
    expect(skipped).toBeLessThan(sent);
    expect(end.heapUsed - warm.heapUsed).toBeLessThan(HEAP_TOLERANCE_BYTES);
    expect(upstreamLines(logs)).toHaveLength(sent);
    expect(logs.text()).not.toContain(APPLICATION_DEMO.adminToken);
  }, 60_000);
});

import { captureLogs, type CapturedLogs } from '../support/logs';
import { startTestGateway, type TestGateway } from '../support/gateway';
import { type FakeChatwoot, slimContact, startFakeChatwoot } from '../support/servers';

/**
 * When the client goes away before its answer, the calls of its request that have not been sent are not sent:
 * queued reads are dropped, reads on the wire are aborted, writes already sent finish, and no new batch of a bulk
 * operation starts. One line says what the request did, with its request id.
 */

const ENTITIES = `
  query($representations: [_Any!]!) {
    _entities(representations: $representations) { ... on Contact { sourceId } }
  }`;
const UPDATE_MANY = `
  mutation($items: [UpdateContactItemInput!]!) {
    updateContacts(items: $items, options: { batching: { itemsPerBatch: 5 } }) { index error { code } }
  }`;

const HOLD_MS = 300;

async function until(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('a client that goes away', () => {
  let chatwoot: FakeChatwoot;
  let gateway: TestGateway;
  let logs: CapturedLogs;

  beforeAll(async () => {
    chatwoot = await startFakeChatwoot(async (request) => {
      await new Promise((resolve) => setTimeout(resolve, HOLD_MS));
      return { body: slimContact({ source_id: decodeURIComponent(request.path.split('/').pop() ?? '') }) };
    });
    const captured = captureLogs('warn');
    logs = captured.logs;
    gateway = await startTestGateway(chatwoot.url, { GATEWAY_MAX_CONCURRENT_READS: '2' }, { logger: captured.logger });
  });
  afterAll(async () => {
    await gateway.close();
    await chatwoot.close();
  });
  beforeEach(() => {
    chatwoot.requests.length = 0;
    logs.clear();
  });

  /** POSTs, waits until Chatwoot has seen `seen` calls, then aborts the request; resolves once the gateway noticed. */
  async function abandon(body: unknown, requestId: string, seen: number): Promise<Record<string, unknown>> {
    const controller = new AbortController();
    const sent = fetch(gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': requestId },
      body: JSON.stringify(body),
      signal: controller.signal,
    }).catch((error: unknown) => error);
    await until(() => chatwoot.requests.length >= seen, 5_000, `${seen} calls at Chatwoot`);
    controller.abort();
    await sent;
    await until(() => logs.lines.some((l) => l.requestId === requestId), 10_000, 'the line about the client leaving');
    return logs.lines.find((l) => l.requestId === requestId)!;
  }

  it('sends none of its queued reads after it left', async () => {
    const representations = Array.from({ length: 40 }, (_v, i) => ({ __typename: 'Contact', inboxIdentifier: 'inbox-abc', sourceId: `r${i}` }));
    const line = await abandon({ query: ENTITIES, variables: { representations } }, 'gone-reader', 2);

    // The two reads on the wire when it left; nothing after them.
    await new Promise((resolve) => setTimeout(resolve, HOLD_MS * 2));
    expect(chatwoot.requests).toHaveLength(2);
    expect(line).toMatchObject({ level: 40, requestId: 'gone-reader', callsSent: 2, writesApplied: 0 });
    expect(line.callsSkipped).toBeGreaterThanOrEqual(38);
  });

  it('lets the batch of writes in flight finish, starts no new batch, and logs how many were applied', async () => {
    const items = Array.from({ length: 30 }, (_v, i) => ({ inboxIdentifier: 'inbox-abc', contactIdentifier: `c${i}`, input: { name: 'N' } }));
    const line = await abandon({ query: UPDATE_MANY, variables: { items } }, 'gone-writer', 5);

    await new Promise((resolve) => setTimeout(resolve, HOLD_MS * 2));
    expect(chatwoot.requests.filter((r) => r.method === 'PATCH')).toHaveLength(5);
    expect(line).toMatchObject({ requestId: 'gone-writer', callsSent: 5, writesApplied: 5 });
  });
});

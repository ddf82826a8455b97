import { createServer, type IncomingMessage } from 'node:http';
import { startTestGateway, type TestGateway } from '../support/gateway';
import {
  type FakeChatwoot,
  type FakeHandler,
  listenOnLoopback,
  type RunningServer,
  slimContact,
  startFakeChatwoot,
} from '../support/servers';

const CONTACT = `
  query Contact($contact: String!, $options: RequestOptionsInput) {
    contact(inboxIdentifier: "inbox-abc", contactIdentifier: $contact, options: $options) { id sourceId }
  }`;

/** Generous for a loaded 2-core machine, yet far below the fake's delay: a missed deadline cannot pass. */
const MARGIN_MS = 1000;

/** The fake answers contact "slow" after SLOW_MS, every other contact at once. */
const SLOW_MS = 4000;

/** Answers contact "slow" after `delayMs`. The timer is unref'd so that jest need not wait for it at the end. */
function slowFor(delayMs: number): FakeHandler {
  return async (request) => {
    if (request.path.endsWith('/slow')) await new Promise((resolve) => setTimeout(resolve, delayMs).unref());
    return { body: slimContact() };
  };
}

describe('per-request timeout', () => {
  let chatwoot: FakeChatwoot;
  let gateway: TestGateway;
  /** When each upstream socket that carried a request for "slow" closed. */
  const slowSocketClosedAt: number[] = [];

  beforeAll(async () => {
    chatwoot = await startFakeChatwoot(slowFor(SLOW_MS));
    chatwoot.server.on('request', (req: IncomingMessage) => {
      if (req.url?.includes('/slow')) req.socket.once('close', () => slowSocketClosedAt.push(Date.now()));
    });
    gateway = await startTestGateway(chatwoot.url, { GATEWAY_DEFAULT_TIMEOUT_MS: '250' });
  });
  afterAll(async () => {
    await gateway.close();
    await chatwoot.close();
  });

  it('fails with UPSTREAM_TIMEOUT after the server default when the request sets none', async () => {
    const started = Date.now();
    const result = await gateway.query(CONTACT, { contact: 'slow' });
    const elapsed = Date.now() - started;

    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'UPSTREAM_TIMEOUT', timeoutMs: 250 });
    expect(result.errors?.[0]?.message).toContain('within 250 ms');
    expect(elapsed).toBeGreaterThanOrEqual(240);
    expect(elapsed).toBeLessThan(250 + MARGIN_MS);
  });

  it('lets the per-request timeoutMs win over the server default, both shorter and longer', async () => {
    const fast = await gateway.query(CONTACT, { contact: 'slow', options: { timeoutMs: 100 } });
    expect(fast.errors?.[0]?.extensions).toMatchObject({ code: 'UPSTREAM_TIMEOUT', timeoutMs: 100 });

    chatwoot.reply(slowFor(600));
    try {
      const patient = await gateway.query(CONTACT, { contact: 'slow', options: { timeoutMs: 5000 } });
      expect(patient.errors).toBeUndefined();
      expect(patient.data?.contact).toEqual({ id: '42', sourceId: 'contact-1' });
    } finally {
      chatwoot.reply(slowFor(SLOW_MS));
    }
  });

  it('releases the upstream socket at the deadline and keeps serving afterwards', async () => {
    const closedBefore = slowSocketClosedAt.length;
    const started = Date.now();
    const result = await gateway.query(CONTACT, { contact: 'slow', options: { timeoutMs: 200 } });
    expect(result.errors?.[0]?.extensions?.code).toBe('UPSTREAM_TIMEOUT');

    // The socket the timed-out call used is closed by the gateway, long before the fake would have answered.
    for (let i = 0; i < 50 && slowSocketClosedAt.length === closedBefore; i += 1) await new Promise((r) => setTimeout(r, 20));
    expect(slowSocketClosedAt.length).toBeGreaterThan(closedBefore);
    expect(slowSocketClosedAt.at(-1)! - started).toBeLessThan(200 + MARGIN_MS);

    const next = await gateway.query(CONTACT, { contact: 'contact-1' });
    expect(next.errors).toBeUndefined();
    expect(next.data?.contact).toEqual({ id: '42', sourceId: 'contact-1' });
  });

  it.each([0, -5, 300_001])('refuses timeoutMs %d with BAD_USER_INPUT naming options.timeoutMs', async (timeoutMs) => {
    const before = chatwoot.requests.length;
    const result = await gateway.query(CONTACT, { contact: 'contact-1', options: { timeoutMs } });

    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'options.timeoutMs' });
    expect(chatwoot.requests.length).toBe(before);
  });
});

describe('timeout while the body is arriving', () => {
  let stalling: RunningServer;
  let gateway: TestGateway;

  beforeAll(async () => {
    // Sends the headers and the start of the body, then stalls: the deadline covers the body as well.
    stalling = await listenOnLoopback(
      createServer((_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000' });
        res.write('{"id": 42, "source_id": "');
      }),
    );
    gateway = await startTestGateway(stalling.url);
  });
  afterAll(async () => {
    await gateway.close();
    await stalling.close();
  });

  it('fails with UPSTREAM_TIMEOUT when the body does not complete in time', async () => {
    const started = Date.now();
    const result = await gateway.query(CONTACT, { contact: 'contact-1', options: { timeoutMs: 300 } });

    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'UPSTREAM_TIMEOUT', timeoutMs: 300 });
    expect(Date.now() - started).toBeLessThan(300 + MARGIN_MS);
  });
});

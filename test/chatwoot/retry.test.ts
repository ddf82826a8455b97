import { type FakeChatwoot, type FakeReply, slimContact, startFakeChatwoot } from '../support/servers';
import { startTestGateway, type TestGateway } from '../support/gateway';

const READ = 'query($o: RequestOptionsInput) { contact(inboxIdentifier: "inbox-abc", contactIdentifier: "contact-1", options: $o) { id } }';
const UPDATE =
  'mutation { updateContact(inboxIdentifier: "inbox-abc", contactIdentifier: "contact-1", input: { name: "A" }) { id } }';

/** Answers with `failures` in turn, then with a contact. */
function failThenSucceed(chatwoot: FakeChatwoot, failures: FakeReply[]): void {
  let calls = 0;
  chatwoot.reply(() => failures[calls++] ?? { body: slimContact() });
}

describe('safe retries', () => {
  let chatwoot: FakeChatwoot;
  let gateway: TestGateway;

  beforeAll(async () => {
    chatwoot = await startFakeChatwoot();
    gateway = await startTestGateway(chatwoot.url, {
      GATEWAY_RETRY_MAX_ATTEMPTS: '2',
      GATEWAY_RETRY_BASE_DELAY_MS: '20',
      GATEWAY_RETRY_MAX_DELAY_MS: '1500',
    });
  });
  afterAll(async () => {
    await gateway.close();
    await chatwoot.close();
  });
  beforeEach(() => {
    chatwoot.requests.length = 0;
  });

  it.each([502, 503, 504, 429])('retries a read answered with %i and returns the later success', async (status) => {
    failThenSucceed(chatwoot, [{ status, body: { error: 'busy' } }]);
    const result = await gateway.query(READ);
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ contact: { id: '42' } });
    expect(chatwoot.requests.map((r) => r.method)).toEqual(['GET', 'GET']);
  });

  it('retries a read whose connection was reset before an answer', async () => {
    failThenSucceed(chatwoot, [{ reset: true }]);
    const result = await gateway.query(READ);
    expect(result.data).toEqual({ contact: { id: '42' } });
    expect(chatwoot.requests).toHaveLength(2);
  });

  it('gives up after GATEWAY_RETRY_MAX_ATTEMPTS retries and reports the last answer', async () => {
    chatwoot.reply(() => ({ status: 503, body: { error: 'down' } }));
    const result = await gateway.query(READ);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', upstream: { status: 503 } });
    expect(chatwoot.requests).toHaveLength(3);
  });

  it('does not retry a read answered with 500 or 404', async () => {
    chatwoot.reply(() => ({ status: 500, body: { error: 'bug' } }));
    await gateway.query(READ);
    chatwoot.reply(() => ({ status: 404, body: { error: 'Not Found' } }));
    await gateway.query(READ);
    expect(chatwoot.requests).toHaveLength(2);
  });

  it('waits exactly as long as Retry-After says before retrying', async () => {
    failThenSucceed(chatwoot, [{ status: 429, headers: { 'retry-after': '1' }, body: 'slow down' }]);
    const started = Date.now();
    const result = await gateway.query(READ);
    expect(result.data).toEqual({ contact: { id: '42' } });
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
  });

  it('passes a Retry-After longer than GATEWAY_RETRY_MAX_DELAY_MS on to the client instead of waiting', async () => {
    chatwoot.reply(() => ({ status: 429, headers: { 'retry-after': '30' }, body: 'slow down' }));
    const result = await gateway.query(READ);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: 30 });
    expect(chatwoot.requests).toHaveLength(1);
  });

  it('never waits past the call deadline: a retry that cannot finish in time is not started', async () => {
    chatwoot.reply(() => ({ status: 503, headers: { 'retry-after': '1' }, body: { error: 'down' } }));
    const started = Date.now();
    const result = await gateway.query(READ, { o: { timeoutMs: 400 } });
    expect(Date.now() - started).toBeLessThan(900);
    expect(result.errors?.[0]?.extensions?.code).toBe('UPSTREAM_UNAVAILABLE');
    expect(chatwoot.requests).toHaveLength(1);
  });

  it('ends the backoff wait at the deadline after a reset', async () => {
    chatwoot.reply(() => ({ reset: true, delayMs: 150 }));
    const started = Date.now();
    const result = await gateway.query(READ, { o: { timeoutMs: 300 } });
    expect(Date.now() - started).toBeLessThan(1000);
    expect(['UPSTREAM_TIMEOUT', 'UPSTREAM_UNAVAILABLE']).toContain(result.errors?.[0]?.extensions?.code);
  });

  it.each([
    ['503', { status: 503, body: { error: 'down' } }],
    ['429 with Retry-After', { status: 429, headers: { 'retry-after': '0' }, body: 'slow down' }],
    ['a reset connection', { reset: true }],
  ] as Array<[string, FakeReply]>)('never retries a mutation (PATCH) after %s', async (_label, failure) => {
    failThenSucceed(chatwoot, [failure]);
    const result = await gateway.query(UPDATE);
    expect(result.errors?.[0]?.extensions?.code).toMatch(/UPSTREAM_UNAVAILABLE|RATE_LIMITED/);
    expect(chatwoot.requests.map((r) => r.method)).toEqual(['PATCH']);
  });

  it('does not retry at all when GATEWAY_RETRY_MAX_ATTEMPTS=0', async () => {
    const local = await startTestGateway(chatwoot.url, { GATEWAY_RETRY_MAX_ATTEMPTS: '0' });
    try {
      failThenSucceed(chatwoot, [{ status: 503, body: { error: 'down' } }]);
      const result = await local.query(READ);
      expect(result.errors?.[0]?.extensions?.code).toBe('UPSTREAM_UNAVAILABLE');
      expect(chatwoot.requests).toHaveLength(1);
    } finally {
      await local.close();
    }
  });
});

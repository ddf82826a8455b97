import { getRaw } from '../support/http';
import { type FakeChatwoot, startFakeChatwoot } from '../support/servers';
import { startTestGateway } from '../support/gateway';

describe('health probes', () => {
  let chatwoot: FakeChatwoot;

  beforeAll(async () => {
    chatwoot = await startFakeChatwoot();
  });
  afterAll(async () => {
    await chatwoot.close();
  });

  it('answers /healthz and /readyz with 200 once listening, without calling Chatwoot', async () => {
    const gateway = await startTestGateway(chatwoot.url);
    try {
      const base = gateway.url.replace('/graphql', '');
      const live = await getRaw(`${base}/healthz`);
      const ready = await getRaw(`${base}/readyz`);
      expect([live.status, live.json]).toEqual([200, { status: 'ok' }]);
      expect([ready.status, ready.json]).toEqual([200, { status: 'ready' }]);
      expect(chatwoot.requests).toHaveLength(0);
    } finally {
      await gateway.close();
    }
  });

  it('turns /readyz to 503 as soon as shutdown begins, while a request in flight still completes', async () => {
    const gateway = await startTestGateway(chatwoot.url, { GATEWAY_SHUTDOWN_GRACE_MS: '5000' });
    const base = gateway.url.replace('/graphql', '');
    chatwoot.reply(() => ({ delayMs: 300, body: { id: 1, source_id: 'c' } }));
    const inFlight = gateway.query('{ contact(inboxIdentifier: "i", contactIdentifier: "c") { id } }');
    while (chatwoot.requests.length === 0) await new Promise((r) => setTimeout(r, 5));

    // A probe on a connection opened before shutdown began (keep-alive) sees the state change.
    const closing = gateway.close();
    expect(gateway.gateway.health.isReady).toBe(false);
    const result = await inFlight;
    await closing;
    expect(result.data).toEqual({ contact: { id: '1' } });
    await expect(getRaw(`${base}/healthz`)).rejects.toThrow();
  });
});

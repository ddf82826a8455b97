import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { WebSocket } from 'ws';
import { type FakeActionCable, eventually, startFakeActionCable } from '../support/actionCable';
import { startTestGateway, type TestGateway } from '../support/gateway';
import { type FakeChatwoot, slimContact, startFakeChatwoot } from '../support/servers';
import { record, wsClient } from '../support/subscriptions';

/** The gateway's WebSocket endpoint: who may connect, the bounds, HTTP beside it, and shutdown. */
const TOKEN = 'contactPubsubToken000001';
const SUBSCRIPTION = 'subscription { conversationEvents(inboxIdentifier: "inbox-1", contactIdentifier: "contact-1") { kind } }';

/** Opens a raw socket and reports how the upgrade ended: the HTTP refusal's status and JSON body, or open. */
function upgrade(url: string, headers: Record<string, string> = {}): Promise<{ status: number; body?: { errors: Array<{ extensions: Record<string, unknown> }> }; socket?: WebSocket }> {
  return new Promise((resolve) => {
    const socket = new WebSocket(url.replace(/^http/, 'ws'), 'graphql-transport-ws', { headers });
    socket.on('open', () => resolve({ status: 101, socket }));
    socket.on('unexpected-response', (_req, res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString()) as never }));
    });
    socket.on('error', () => undefined);
  });
}

describe('the WebSocket endpoint', () => {
  let chatwoot: FakeChatwoot;
  let cable: FakeActionCable;
  let gateway: TestGateway;

  beforeAll(async () => {
    cable = await startFakeActionCable();
    cable.contacts.add(TOKEN);
    chatwoot = await startFakeChatwoot(() => ({ body: slimContact({ pubsub_token: TOKEN }) }));
    gateway = await startTestGateway(chatwoot.url, {
      CHATWOOT_WEBSOCKET_URL: cable.cableUrl,
      GATEWAY_CORS_ORIGINS: 'https://app.example.com',
      GATEWAY_WS_MAX_CONNECTIONS: '3',
      GATEWAY_WS_MAX_SUBSCRIPTIONS: '2',
      GATEWAY_WS_INIT_TIMEOUT_MS: '300',
    });
  });
  afterAll(async () => {
    await gateway?.close();
    await cable?.close();
    await chatwoot?.close();
  });

  it('refuses an upgrade from an Origin outside GATEWAY_CORS_ORIGINS with FORBIDDEN', async () => {
    const refused = await upgrade(gateway.url, { origin: 'https://evil.example.net' });
    expect(refused.status).toBe(403);
    expect(refused.body?.errors[0]?.extensions).toEqual({ code: 'FORBIDDEN', reason: 'origin_not_allowed' });
  });

  it('accepts a listed Origin, the gateway\'s own origin, and clients that send none', async () => {
    const own = new URL(gateway.url).origin;
    const cases: Array<Record<string, string>> = [{ origin: 'https://app.example.com' }, { origin: own }, {}];
    for (const headers of cases) {
      const result = await upgrade(gateway.url, headers);
      expect(result.status).toBe(101);
      result.socket?.close();
      await eventually(() => result.socket?.readyState === WebSocket.CLOSED);
    }
  });

  it('refuses connections beyond GATEWAY_WS_MAX_CONNECTIONS with REALTIME_LIMIT_EXCEEDED', async () => {
    const open = await Promise.all([upgrade(gateway.url), upgrade(gateway.url), upgrade(gateway.url)]);
    expect(open.map((o) => o.status)).toEqual([101, 101, 101]);
    const refused = await upgrade(gateway.url);
    expect(refused.status).toBe(503);
    expect(refused.body?.errors[0]?.extensions).toEqual({ code: 'REALTIME_LIMIT_EXCEEDED', limit: 'connections', maximum: 3 });
    for (const o of open) o.socket?.close();
    await eventually(() => open.every((o) => o.socket?.readyState === WebSocket.CLOSED));
  });

  it('closes a connection that sends no connection_init in time, with a coded reason', async () => {
    const { socket } = await upgrade(gateway.url);
    const closed = await new Promise<{ code: number; reason: string }>((resolve) =>
      socket?.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
    );
    expect(closed.code).toBe(4408);
    expect(closed.reason).toMatch(/^REALTIME_LIMIT_EXCEEDED/);
  });

  it('refuses subscriptions beyond GATEWAY_WS_MAX_SUBSCRIPTIONS on one connection', async () => {
    const client = wsClient(gateway.url);
    const first = record(client, SUBSCRIPTION);
    const second = record(client, SUBSCRIPTION);
    await eventually(() => gateway.gateway.realtime.bridge.sizes.subscribers === 2, 10_000, 'two subscribers');
    const third = record(client, SUBSCRIPTION);
    await third.done;
    expect((third.error as Array<{ extensions: unknown }>)[0]?.extensions).toEqual({ code: 'REALTIME_LIMIT_EXCEEDED', limit: 'subscriptions', maximum: 2 });
    // Only one upstream subscription for the two that run (its confirmation may still be on its way).
    await eventually(() => cable.confirmedSubscriptions().length === 1, 10_000, 'the upstream subscription');
    expect(cable.commands.filter((c) => c.command === 'subscribe')).toHaveLength(1);
    first.unsubscribe();
    second.unsubscribe();
    await client.dispose();
    await eventually(() => cable.confirmedSubscriptions().length === 0);
  });

  it('runs only subscriptions over WebSocket and keeps answering HTTP on the same path', async () => {
    const client = wsClient(gateway.url);
    const query = record(client, '{ __typename }');
    await query.done;
    expect((query.error as Array<{ extensions: unknown }>)[0]?.extensions).toEqual({ code: 'BAD_REQUEST' });
    const invalid = record(client, 'subscription { nope }');
    await invalid.done;
    expect((invalid.error as Array<{ extensions: { code: string } }>)[0]?.extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    await client.dispose();
    const http = await gateway.query('{ __typename }');
    expect(http.data).toEqual({ __typename: 'Query' });
    // A subscription sent over HTTP is refused, not run as a one-off.
    const before = chatwoot.requests.length;
    const overHttp = await gateway.query(SUBSCRIPTION);
    expect(overHttp.errors?.[0]?.extensions?.code).toBe('BAD_REQUEST');
    expect(chatwoot.requests.length).toBe(before);
  });
});

/** A real collection before each heap reading, so the comparison is of what is kept, not of garbage not yet swept. */
function forceGc(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

describe('many subscribers', () => {
  it('keeps memory flat over rounds of 200 subscribers sharing 10 upstream subscriptions (bounded soak)', async () => {
    const cable = await startFakeActionCable();
    const tokens = Array.from({ length: 10 }, (_, i) => `soakContactToken${String(i).padStart(8, '0')}`);
    for (const token of tokens) cable.contacts.add(token);
    // contact-<n> has the n-th token.
    const chatwoot = await startFakeChatwoot((request) => ({ body: slimContact({ pubsub_token: tokens[Number(request.path.split('-').pop())] }) }));
    const gateway = await startTestGateway(chatwoot.url, {
      CHATWOOT_WEBSOCKET_URL: cable.cableUrl,
      GATEWAY_WS_MAX_CONNECTIONS: '50',
      GATEWAY_WS_MAX_SUBSCRIPTIONS: '20',
    });
    const sizes = () => gateway.gateway.realtime.bridge.sizes;
    const query = (n: number) => `subscription { conversationEvents(inboxIdentifier: "inbox-1", contactIdentifier: "contact-${n}") { kind message { id } } }`;
    const gc = forceGc();
    try {
      const heap: number[] = [];
      for (let round = 0; round < 4; round++) {
        const clients = Array.from({ length: 10 }, () => wsClient(gateway.url));
        const subs = clients.flatMap((client) => Array.from({ length: 20 }, (_, i) => record(client, query(i % 10))));
        await eventually(() => cable.confirmedSubscriptions().length === 10, 30_000, 'ten upstream subscriptions');
        await eventually(() => sizes().subscribers === 200, 30_000, '200 subscribers');
        expect(sizes().upstreamSubscriptions).toBe(10);
        // A small pool (GATEWAY_REALTIME_UPSTREAM_SOCKETS, 4 by default), not a socket per subscriber.
        expect(cable.openSockets).toBeLessThanOrEqual(4);
        for (const token of tokens) cable.broadcast(token, 'message.created', { id: round + 1, conversation_id: 1, message_type: 1 });
        await eventually(() => subs.every((s) => s.results.length === 1), 30_000, 'the event for every subscriber');
        for (const s of subs) s.unsubscribe();
        await eventually(() => sizes().subscribers === 0 && cable.confirmedSubscriptions().length === 0, 30_000, 'all gone');
        await Promise.all(clients.map((c) => c.dispose()));
        gc();
        heap.push(process.memoryUsage().heapUsed);
      }
      expect(sizes()).toEqual({ upstreamSockets: 0, upstreamSubscriptions: 0, subscribers: 0 });
      // Generous: the point is that nothing is kept per subscriber once it left, not a tight number.
      expect(heap[heap.length - 1]! - heap[0]!).toBeLessThan(24 * 1024 * 1024);
    } finally {
      await gateway.close();
      await cable.close();
      await chatwoot.close();
    }
  }, 120_000);
});

describe('shutdown', () => {
  it('completes every subscription and closes the upstream sockets', async () => {
    const cable = await startFakeActionCable();
    cable.contacts.add(TOKEN);
    const chatwoot = await startFakeChatwoot(() => ({ body: slimContact({ pubsub_token: TOKEN }) }));
    const gateway = await startTestGateway(chatwoot.url, { CHATWOOT_WEBSOCKET_URL: cable.cableUrl });
    try {
      const client = wsClient(gateway.url);
      const subscription = record(client, SUBSCRIPTION);
      await eventually(() => cable.confirmedSubscriptions().length === 1);
      await gateway.close();
      await subscription.done;
      expect(subscription.completed).toBe(true);
      expect(subscription.error).toBeUndefined();
      await eventually(() => cable.openSockets === 0, 10_000, 'upstream sockets closed');
      await client.dispose();
    } finally {
      await cable.close();
      await chatwoot.close();
    }
  });
});

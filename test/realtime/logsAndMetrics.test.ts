import { type FakeActionCable, eventually, startFakeActionCable } from '../support/actionCable';
import { startTestGateway, type TestGateway } from '../support/gateway';
import { captureLogs } from '../support/logs';
import { type FakeChatwoot, slimContact, startFakeChatwoot } from '../support/servers';
import { record, wsClient } from '../support/subscriptions';

/** What an operator sees of the bridge: metrics that follow it, and logs that never carry a pubsub token. */
const TOKEN = 'contactPubsubTokenLogs01';
const SUBSCRIPTION = 'subscription { conversationEvents(inboxIdentifier: "inbox-1", contactIdentifier: "contact-1") { kind } }';

describe('realtime logs and metrics', () => {
  let chatwoot: FakeChatwoot;
  let cable: FakeActionCable;
  let gateway: TestGateway;
  const { logger, logs } = captureLogs('debug');

  beforeAll(async () => {
    cable = await startFakeActionCable({ pingMs: 200 });
    cable.contacts.add(TOKEN);
    chatwoot = await startFakeChatwoot(() => ({ body: slimContact({ pubsub_token: TOKEN }) }));
    gateway = await startTestGateway(
      chatwoot.url,
      { CHATWOOT_WEBSOCKET_URL: cable.cableUrl, GATEWAY_REALTIME_RECONNECT_BASE_MS: '20', LOG_LEVEL: 'debug' },
      { logger },
    );
  });
  afterAll(async () => {
    await gateway?.close();
    await cable?.close();
    await chatwoot?.close();
  });

  const metric = async (line: string) => {
    const text = await gateway.gateway.metrics.render();
    const found = text.split('\n').find((l) => l.startsWith(line));
    return found ? Number(found.slice(line.length).trim()) : 0;
  };

  it('counts subscribers, upstream sockets and subscriptions, reconnects, delivered and dropped events', async () => {
    const client = wsClient(gateway.url);
    const first = record(client, SUBSCRIPTION);
    const second = record(client, SUBSCRIPTION);
    await eventually(() => gateway.gateway.realtime.bridge.confirmedSubscriptions === 1 && gateway.gateway.realtime.bridge.sizes.subscribers === 2);
    expect(await metric('gateway_realtime_subscribers')).toBe(2);
    expect(await metric('gateway_realtime_upstream_subscriptions')).toBe(1);
    expect(await metric('gateway_realtime_upstream_sockets')).toBe(1);
    expect(await metric('gateway_realtime_connections')).toBe(1);

    cable.broadcast(TOKEN, 'message.created', { id: 1, conversation_id: 1, message_type: 1 });
    cable.broadcast(TOKEN, 'message.created', { id: 2, conversation_id: 1, message_type: 1, private: true });
    await eventually(() => first.results.length === 1 && second.results.length === 1);
    expect(await metric('gateway_realtime_events_delivered_total{audience="contact"}')).toBe(2);
    expect(await metric('gateway_realtime_events_dropped_total{reason="private"}')).toBe(2);

    cable.dropAll();
    await eventually(() => first.results.length === 2, 10_000, 'RESYNC');
    expect(await metric('gateway_realtime_upstream_reconnects_total{reason="link_lost"}')).toBe(1);

    first.unsubscribe();
    second.unsubscribe();
    await client.dispose();
    await eventually(() => gateway.gateway.realtime.bridge.sizes.upstreamSubscriptions === 0);
    expect(await metric('gateway_realtime_subscribers')).toBe(0);
  });

  it('logs the bridge at work without ever writing a pubsub token', () => {
    const messages = logs.lines.map((l) => l.msg);
    expect(messages).toContain('realtime: upstream subscription opened');
    expect(messages).toContain('realtime: upstream socket dropped, reconnecting');
    expect(messages).toContain('realtime: upstream subscription closed');
    expect(logs.text()).not.toContain(TOKEN);
  });
});

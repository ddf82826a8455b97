import { type FakeActionCable, eventually, startFakeActionCable } from '../support/actionCable';
import { startTestGateway, type TestGateway } from '../support/gateway';
import { expectedHash, INBOX, INBOX_HMAC, secretEnv, signToken } from '../support/identity';
import { type FakeChatwoot, slimContact, startFakeChatwoot } from '../support/servers';
import { record, wsClient } from '../support/subscriptions';

/** conversationEvents on an inbox the gateway vouches for: the bearer token in connectionParams is the proof. */
const TOKEN = 'verifiedContactToken0001';
const QUERY = `subscription { conversationEvents(inboxIdentifier: "${INBOX}", contactIdentifier: "contact-1") { kind } }`;

describe('conversationEvents with verified contact identity', () => {
  let chatwoot: FakeChatwoot;
  let cable: FakeActionCable;
  let gateway: TestGateway;

  beforeAll(async () => {
    cable = await startFakeActionCable();
    cable.contacts.add(TOKEN);
    chatwoot = await startFakeChatwoot(() => ({ body: slimContact({ pubsub_token: TOKEN }) }));
    gateway = await startTestGateway(chatwoot.url, secretEnv({ CHATWOOT_WEBSOCKET_URL: cable.cableUrl }));
  });
  afterAll(async () => {
    await gateway?.close();
    await cable?.close();
    await chatwoot?.close();
  });
  beforeEach(() => {
    chatwoot.requests.length = 0;
    cable.commands.length = 0;
  });

  it('reads the contact with the proof of the verified token from connectionParams', async () => {
    const client = wsClient(gateway.url, { connectionParams: { authorization: `Bearer ${await signToken({ sub: 'user-7' })}` } });
    const subscription = record(client, QUERY);
    await eventually(() => cable.confirmedSubscriptions().length === 1, 10_000, 'confirmed');
    const query = new URLSearchParams(chatwoot.last().query);
    expect(query.get('identifier')).toBe('user-7');
    expect(query.get('identifier_hash')).toBe(expectedHash(INBOX_HMAC, 'user-7'));
    subscription.unsubscribe();
    await client.dispose();
    await eventually(() => cable.confirmedSubscriptions().length === 0);
  });

  it('refuses a token that cannot be trusted with UNAUTHENTICATED, before any call', async () => {
    const client = wsClient(gateway.url, { connectionParams: { authorization: `Bearer ${await signToken({ expiresIn: -3600 })}` } });
    const subscription = record(client, QUERY);
    await subscription.done;
    expect(subscription.results[0]?.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(chatwoot.requests).toEqual([]);
    expect(cable.commands).toEqual([]);
    await client.dispose();
  });
});

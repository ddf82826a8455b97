import { type FakeActionCable, eventually, startFakeActionCable } from '../support/actionCable';
import { startTestGateway, type TestGateway } from '../support/gateway';
import { type FakeChatwoot, startFakeChatwoot } from '../support/servers';
import { record, wsClient } from '../support/subscriptions';

/** The agent side: who may subscribe, what is subscribed upstream, and which events arrive. */
const AGENT_TOKEN = 'agentPubsubToken00000001';
const ACCESS_TOKEN = 'agent-access-token-1';
const QUERY = 'subscription($accountId: ID!) { accountEvents(accountId: $accountId) { kind accountId displayId } }';
/** With the payload objects: the Application API's own types. */
const FULL_QUERY =
  'subscription($accountId: ID!) { accountEvents(accountId: $accountId) { kind accountId displayId ' +
  'message { id content private messageType } conversation { displayId status } contact { id name } } }';

function profile(): Record<string, unknown> {
  return { id: 5, name: 'Dana', pubsub_token: AGENT_TOKEN, accounts: [{ id: 1, name: 'Acme', role: 'agent' }, { id: 3, name: 'Other' }] };
}

describe('accountEvents', () => {
  let chatwoot: FakeChatwoot;
  let cable: FakeActionCable;
  let gateway: TestGateway;
  let disabled: TestGateway;

  beforeAll(async () => {
    cable = await startFakeActionCable({ pingMs: 500 });
    chatwoot = await startFakeChatwoot();
    const env = { CHATWOOT_WEBSOCKET_URL: cable.cableUrl, GATEWAY_REALTIME_CONFIRM_TIMEOUT_MS: '2000' };
    gateway = await startTestGateway(chatwoot.url, { ...env, GATEWAY_APPLICATION_API: 'true', CHATWOOT_API_ACCESS_TOKEN: 'server-token' });
    disabled = await startTestGateway(chatwoot.url, env);
  });
  afterAll(async () => {
    await gateway?.close();
    await disabled?.close();
    await cable?.close();
    await chatwoot?.close();
  });
  beforeEach(() => {
    cable.agents.clear();
    cable.agents.set(AGENT_TOKEN, { userId: 5, accountIds: [1, 3] });
    cable.commands.length = 0;
    chatwoot.requests.length = 0;
    chatwoot.reply((request) =>
      request.headers['api-access-token'] === ACCESS_TOKEN && request.path === '/api/v1/profile'
        ? { body: profile() }
        : { status: 401, body: { errors: ['You need to sign in or sign up before continuing.'] } },
    );
  });
  afterEach(async () => {
    await eventually(() => cable.confirmedSubscriptions().length === 0, 10_000, 'upstream unsubscribe');
  });

  it("subscribes with the user's pubsub token, account and user id, and drops other accounts' events", async () => {
    const client = wsClient(gateway.url, { connectionParams: { 'api-access-token': ACCESS_TOKEN } });
    const subscription = record(client, FULL_QUERY, { accountId: '1' });
    await eventually(() => cable.confirmedSubscriptions().length === 1, 10_000, 'upstream subscription');

    expect(chatwoot.requests).toHaveLength(1);
    expect(chatwoot.last().path).toBe('/api/v1/profile');
    expect(chatwoot.last().headers['api-access-token']).toBe(ACCESS_TOKEN);
    const subscribe = cable.commands.find((c) => c.command === 'subscribe');
    expect(subscribe?.identifier).toBe(`{"channel":"RoomChannel","pubsub_token":"${AGENT_TOKEN}","account_id":1,"user_id":5}`);

    // The personal stream carries events of every account the user is in.
    cable.broadcast(AGENT_TOKEN, 'message.created', { id: 1, account_id: 3, conversation_id: 40, message_type: 0 });
    cable.broadcast(AGENT_TOKEN, 'message.created', { id: 2, account_id: 1, conversation_id: 7, message_type: 0, private: true, content: 'internal' });
    cable.broadcast('account_1', 'contact.updated', { id: 42, account_id: 1, name: 'Alice' });
    cable.broadcast(AGENT_TOKEN, 'assignee.changed', { id: 7, account_id: 1, status: 'open', contact_inbox: { pubsub_token: 'contactPubsubToken0042' } });
    cable.broadcast(AGENT_TOKEN, 'conversation.typing_off', { conversation: { id: 7 }, account_id: 1, is_private: true });
    cable.broadcast(AGENT_TOKEN, 'notification.created', { account_id: 1 });
    await eventually(() => subscription.results.length === 4, 10_000, 'four events');
    expect(subscription.results.map((r) => r.data?.accountEvents)).toEqual([
      { kind: 'MESSAGE_CREATED', accountId: '1', displayId: 7, message: { id: '2', content: 'internal', private: true, messageType: 'INCOMING' }, conversation: null, contact: null },
      { kind: 'CONTACT_UPDATED', accountId: '1', displayId: null, message: null, conversation: null, contact: { id: '42', name: 'Alice' } },
      { kind: 'ASSIGNEE_CHANGED', accountId: '1', displayId: 7, message: null, conversation: { displayId: 7, status: 'OPEN' }, contact: null },
      { kind: 'TYPING_OFF', accountId: '1', displayId: 7, message: null, conversation: { displayId: 7, status: null }, contact: null },
    ]);
    expect(JSON.stringify(subscription.results)).not.toContain('contactPubsubToken0042');
    subscription.unsubscribe();
    await client.dispose();
  });

  it('takes the token from the upgrade request header too', async () => {
    const client = wsClient(gateway.url, { headers: { 'api-access-token': ACCESS_TOKEN } });
    const subscription = record(client, QUERY, { accountId: '3' });
    await eventually(() => cable.confirmedSubscriptions().length === 1);
    expect(cable.confirmedSubscriptions()[0]).toEqual({ channel: 'RoomChannel', pubsub_token: AGENT_TOKEN, account_id: 3, user_id: 5 });
    subscription.unsubscribe();
    await client.dispose();
  });

  it("is FORBIDDEN for an account the user is not in, and subscribes nothing", async () => {
    const client = wsClient(gateway.url, { connectionParams: { 'api-access-token': ACCESS_TOKEN } });
    const subscription = record(client, QUERY, { accountId: '2' });
    await subscription.done;
    expect(subscription.results[0]?.errors?.[0]?.extensions).toEqual({ code: 'FORBIDDEN', reason: 'account_not_permitted' });
    expect(cable.commands).toEqual([]);
    await client.dispose();
  });

  it('is UNAUTHENTICATED without a token (the server token is never used) and calls nothing upstream', async () => {
    const client = wsClient(gateway.url);
    const subscription = record(client, QUERY, { accountId: '1' });
    await subscription.done;
    expect(subscription.results[0]?.errors?.[0]?.extensions).toEqual({ code: 'UNAUTHENTICATED', reason: 'missing_token' });
    expect(chatwoot.requests).toEqual([]);
    expect(cable.commands).toEqual([]);
    await client.dispose();
  });

  it('is UNAUTHENTICATED when Chatwoot refuses the token', async () => {
    const client = wsClient(gateway.url, { connectionParams: { 'api-access-token': 'wrong' } });
    const subscription = record(client, QUERY, { accountId: '1' });
    await subscription.done;
    expect(subscription.results[0]?.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(JSON.stringify(subscription.results)).not.toContain('wrong');
    expect(cable.commands).toEqual([]);
    await client.dispose();
  });

  it('is FORBIDDEN with reason api_disabled when GATEWAY_APPLICATION_API is off', async () => {
    const client = wsClient(disabled.url, { connectionParams: { 'api-access-token': ACCESS_TOKEN } });
    const subscription = record(client, QUERY, { accountId: '1' });
    await subscription.done;
    expect(subscription.results[0]?.errors?.[0]?.extensions).toEqual({ code: 'FORBIDDEN', reason: 'api_disabled' });
    expect(chatwoot.requests).toEqual([]);
    expect(cable.commands).toEqual([]);
    await client.dispose();
  });
});

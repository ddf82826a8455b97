import { WebSocket } from 'ws';
import { type Simulator, startSimulator } from '../../src/simulator';
import { APPLICATION_DEMO } from '../../src/simulator/application';
import { eventually } from '../support/actionCable';
import { startTestGateway, type TestGateway } from '../support/gateway';
import { record, wsClient } from '../support/subscriptions';

/** The simulator's ActionCable endpoint, on its own and end to end through the gateway. */
describe('the simulator at /cable', () => {
  let simulator: Simulator;
  let gateway: TestGateway;

  beforeAll(async () => {
    simulator = await startSimulator();
    gateway = await startTestGateway(simulator.url, { GATEWAY_APPLICATION_API: 'true' });
  });
  afterAll(async () => {
    await gateway?.close();
    await simulator?.close();
  });

  /** A raw ActionCable client: the frames it received, and a way to send commands. */
  async function cableClient() {
    const frames: Array<Record<string, unknown>> = [];
    const socket = new WebSocket(`${simulator.url.replace('http', 'ws')}/cable`, ['actioncable-v1-json', 'actioncable-unsupported']);
    socket.on('message', (raw) => frames.push(JSON.parse(raw.toString()) as Record<string, unknown>));
    await new Promise((resolve) => socket.once('open', resolve));
    return { socket, frames };
  }

  it('welcomes, confirms a known contact token, and says nothing at all for an unknown one', async () => {
    const { socket, frames } = await cableClient();
    expect(socket.protocol).toBe('actioncable-v1-json');
    await eventually(() => frames.some((f) => f.type === 'welcome'));
    const link = simulator.store.contactInboxes[0]!;
    const good = JSON.stringify({ channel: 'RoomChannel', pubsub_token: link.pubsubToken });
    const bad = JSON.stringify({ channel: 'RoomChannel', pubsub_token: 'notARealToken00000000000' });
    socket.send(JSON.stringify({ command: 'subscribe', identifier: bad }));
    socket.send(JSON.stringify({ command: 'subscribe', identifier: good }));
    await eventually(() => frames.some((f) => f.type === 'confirm_subscription'));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(frames.filter((f) => f.identifier !== undefined)).toEqual([{ identifier: good, type: 'confirm_subscription' }]);
    socket.close();
  });

  it("delivers a contact's message sent through the Client API to the contact and to the agent", async () => {
    const { inboxIdentifier, contactIdentifier } = simulator.demo;
    const agentAccessToken = APPLICATION_DEMO.adminToken;
    const contactClient = wsClient(gateway.url);
    const agentClient = wsClient(gateway.url, { connectionParams: { 'api-access-token': agentAccessToken } });
    const contact = record(
      contactClient,
      `subscription($inbox: String!, $contact: String!) { conversationEvents(inboxIdentifier: $inbox, contactIdentifier: $contact, displayId: 1) { kind displayId message { content messageType sender { type } } } }`,
      { inbox: inboxIdentifier, contact: contactIdentifier },
    );
    const agent = record(agentClient, 'subscription { accountEvents(accountId: "1") { kind accountId displayId } }');
    await eventually(() => gateway.gateway.realtime.bridge.confirmedSubscriptions === 2, 10_000, 'both confirmed');
    await eventually(() => gateway.gateway.realtime.bridge.sizes.subscribers === 2);

    const sent = await gateway.query(
      `mutation($inbox: String!, $contact: String!) { sendMessage(inboxIdentifier: $inbox, contactIdentifier: $contact, displayId: 1, input: { content: "Is it sent?" }) { id } }`,
      { inbox: inboxIdentifier, contact: contactIdentifier },
    );
    expect(sent.errors).toBeUndefined();
    await eventually(() => contact.results.length === 1 && agent.results.length === 1, 10_000, 'both events');
    expect(contact.results[0]?.data).toEqual({
      conversationEvents: { kind: 'MESSAGE_CREATED', displayId: 1, message: { content: 'Is it sent?', messageType: 'INCOMING', sender: { type: 'contact' } } },
    });
    expect(agent.results[0]?.data).toEqual({ accountEvents: { kind: 'MESSAGE_CREATED', accountId: '1', displayId: 1 } });

    // The agent replies (the store hook a dashboard or the Application API would use): a private note first.
    const conversation = simulator.store.conversations.find((c) => c.displayId === 1)!;
    const dana = { id: 1, name: 'Ada Admin' };
    simulator.store.replyAsAgent(conversation, dana, 'Note: VIP customer', { private: true });
    simulator.store.replyAsAgent(conversation, dana, 'Yes, it is on its way.');
    await eventually(() => contact.results.length === 2 && agent.results.length === 3, 10_000, 'the reply');
    expect((contact.results[1]?.data?.conversationEvents as { message: unknown }).message).toEqual({
      content: 'Yes, it is on its way.',
      messageType: 'OUTGOING',
      sender: { type: 'user' },
    });
    expect(JSON.stringify(contact.results)).not.toContain('VIP');

    contact.unsubscribe();
    agent.unsubscribe();
    await contactClient.dispose();
    await agentClient.dispose();
    await eventually(() => gateway.gateway.realtime.bridge.sizes.upstreamSubscriptions === 0);
  });

  it('reads the contact with its identity proof where the inbox demands one, and subscribes only then', async () => {
    const { secureInboxIdentifier, secureContactIdentifier, secureContactExternalId, secureContactIdentifierHash } = simulator.demo;
    const query = `subscription($inbox: String!, $contact: String!, $identity: IdentityProofInput) {
      conversationEvents(inboxIdentifier: $inbox, contactIdentifier: $contact, identity: $identity) { kind }
    }`;
    const client = wsClient(gateway.url);
    const refused = record(client, query, { inbox: secureInboxIdentifier, contact: secureContactIdentifier });
    await refused.done;
    expect(refused.results[0]?.errors?.[0]?.extensions?.code).toBe('UPSTREAM_UNAVAILABLE');
    expect(gateway.gateway.realtime.bridge.sizes.upstreamSubscriptions).toBe(0);

    const identity = { identifier: secureContactExternalId, identifierHash: secureContactIdentifierHash };
    const accepted = record(client, query, { inbox: secureInboxIdentifier, contact: secureContactIdentifier, identity });
    await eventually(() => gateway.gateway.realtime.bridge.confirmedSubscriptions === 1, 10_000, 'confirmed');
    accepted.unsubscribe();
    await client.dispose();
    await eventually(() => gateway.gateway.realtime.bridge.sizes.upstreamSubscriptions === 0);
  });
});

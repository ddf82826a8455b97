import { type FakeActionCable, eventually, startFakeActionCable } from '../support/actionCable';
import { startTestGateway, type TestGateway } from '../support/gateway';
import { type FakeChatwoot, slimContact, startFakeChatwoot } from '../support/servers';
import { record, wsClient } from '../support/subscriptions';

/**
 * The contact side against a fake Chatwoot (HTTP) and a fake ActionCable (WebSocket), through the real gateway and a
 * real graphql-ws client.
 */
const TOKEN = 'contactPubsubToken000001';
const OTHER_TOKEN = 'internalTokenOfSomeone02';

const SUBSCRIPTION = `subscription Events($inbox: String!, $contact: String!, $displayId: Int) {
  conversationEvents(inboxIdentifier: $inbox, contactIdentifier: $contact, displayId: $displayId) {
    kind
    displayId
    message { id content messageType createdAt conversationDisplayId sender { type name } }
    conversation { displayId status inboxId }
  }
}`;

/** A message push payload as Chatwoot broadcasts it: every column, and internals a contact must not see. */
function messagePayload(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: 11,
    content: 'Your invoice is on its way.',
    account_id: 1,
    inbox_id: 3,
    message_type: 1,
    private: false,
    status: 'sent',
    content_type: 'text',
    content_attributes: {},
    sender_type: 'User',
    sender_id: 5,
    external_source_ids: {},
    additional_attributes: {},
    processed_message_content: 'Your invoice is on its way.',
    sentiment: {},
    created_at: 1764547200,
    updated_at: '2025-12-01T00:00:00.000Z',
    conversation_id: 7,
    conversation: { assignee_id: 5, unread_count: 0, last_activity_at: 1764547200, contact_inbox: { source_id: 'contact-1' } },
    sender: { id: 5, name: 'Dana', available_name: 'Dana (support)', avatar_url: '', type: 'user', availability_status: 'online', thumbnail: '' },
    ...overrides,
  };
}

function conversationPayload(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    additional_attributes: {},
    can_reply: true,
    channel: 'Channel::Api',
    contact_inbox: { id: 9, contact_id: 42, inbox_id: 3, source_id: 'contact-1', pubsub_token: OTHER_TOKEN, hmac_verified: false },
    id: 7,
    inbox_id: 3,
    messages: [],
    labels: ['vip-internal'],
    meta: { sender: { id: 42, name: 'Alice', custom_attributes: { secret: 'x' } }, assignee: { id: 5 }, team: { id: 2, name: 'Billing' }, hmac_verified: false },
    status: 'resolved',
    custom_attributes: { internal_note: 'do not show' },
    snoozed_until: null,
    unread_count: 0,
    first_reply_created_at: 1764547200,
    priority: null,
    waiting_since: 0,
    agent_last_seen_at: 1764547200,
    contact_last_seen_at: 0,
    created_at: 1764540000,
    updated_at: 1764547200.123,
    account_id: 1,
    ...overrides,
  };
}

describe('conversationEvents', () => {
  let chatwoot: FakeChatwoot;
  let cable: FakeActionCable;
  let gateway: TestGateway;
  const variables = { inbox: 'inbox-1', contact: 'contact-1' };

  beforeAll(async () => {
    cable = await startFakeActionCable({ pingMs: 200 });
    chatwoot = await startFakeChatwoot();
    gateway = await startTestGateway(chatwoot.url, {
      CHATWOOT_WEBSOCKET_URL: cable.cableUrl,
      GATEWAY_REALTIME_CONFIRM_TIMEOUT_MS: '500',
      GATEWAY_REALTIME_STALE_MS: '1500',
      GATEWAY_REALTIME_RECONNECT_BASE_MS: '20',
      GATEWAY_REALTIME_RECONNECT_MAX_MS: '200',
    });
  });
  afterAll(async () => {
    await gateway?.close();
    await cable?.close();
    await chatwoot?.close();
  });
  beforeEach(() => {
    cable.contacts.clear();
    cable.contacts.add(TOKEN);
    cable.commands.length = 0;
    chatwoot.requests.length = 0;
    chatwoot.reply((request) =>
      request.path.endsWith('/contacts/missing')
        ? { status: 404, body: { error: 'Not Found' } }
        : { body: slimContact({ pubsub_token: request.path.endsWith('/contacts/silent') ? 'tokenChatwootDoesNotKnow' : TOKEN }) },
    );
  });
  afterEach(async () => {
    // Every test leaves with nothing subscribed upstream.
    await eventually(() => cable.confirmedSubscriptions().length === 0, 10_000, 'upstream unsubscribe');
  });

  async function subscribe(vars: Record<string, unknown> = variables) {
    const client = wsClient(gateway.url);
    const subscription = record(client, SUBSCRIPTION, vars);
    return { client, subscription };
  }

  it("subscribes upstream with the contact's pubsub token only and delivers messages in the public Message shape", async () => {
    const { client, subscription } = await subscribe();
    await eventually(() => cable.confirmedSubscriptions().length === 1, 10_000, 'upstream subscription');

    expect(chatwoot.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /public/api/v1/inboxes/inbox-1/contacts/contact-1']);
    const subscribes = cable.commands.filter((c) => c.command === 'subscribe');
    expect(subscribes).toHaveLength(1);
    // The exact identifier string: key order matters to Rails.
    expect(subscribes[0]?.identifier).toBe(`{"channel":"RoomChannel","pubsub_token":"${TOKEN}"}`);
    // Chatwoot's subprotocol was offered, and the Chatwoot origin sent.
    expect(cable.upgrades.at(-1)?.headers['sec-websocket-protocol']).toContain('actioncable-v1-json');
    expect(cable.upgrades.at(-1)?.headers.origin).toBe(new URL(chatwoot.url).origin);

    cable.broadcast(TOKEN, 'message.created', messagePayload());
    await eventually(() => subscription.results.length === 1, 10_000, 'the event');
    expect(subscription.results[0]).toEqual({
      data: {
        conversationEvents: {
          kind: 'MESSAGE_CREATED',
          displayId: 7,
          message: {
            id: '11',
            content: 'Your invoice is on its way.',
            messageType: 'OUTGOING',
            createdAt: new Date(1764547200 * 1000).toISOString(),
            conversationDisplayId: 7,
            sender: { type: 'user', name: 'Dana (support)' },
          },
          conversation: null,
        },
      },
    });
    subscription.unsubscribe();
    await client.dispose();
  });

  it('never passes private notes, activities or an agent typing a private note to the contact', async () => {
    const { client, subscription } = await subscribe();
    await eventually(() => cable.confirmedSubscriptions().length === 1);
    cable.broadcast(TOKEN, 'message.created', messagePayload({ id: 12, private: true, content: 'internal: refund approved' }));
    cable.broadcast(TOKEN, 'message.created', messagePayload({ id: 13, message_type: 2, content: 'Conversation was assigned' }));
    cable.broadcast(TOKEN, 'conversation.typing_on', { conversation: conversationPayload(), user: { id: 5, name: 'Dana' }, is_private: true, account_id: 1 });
    cable.broadcast(TOKEN, 'conversation.typing_on', { conversation: conversationPayload(), user: { id: 5, name: 'Dana' }, is_private: false, account_id: 1 });
    cable.broadcast(TOKEN, 'message.created', messagePayload({ id: 14, content: 'last' }));
    await eventually(() => subscription.results.length === 2, 10_000, 'two events');
    const events = subscription.results.map((r) => r.data?.conversationEvents as Record<string, unknown>);
    expect(events.map((e) => e.kind)).toEqual(['TYPING_ON', 'MESSAGE_CREATED']);
    expect((events[1]?.message as { id: string }).id).toBe('14');
    expect(JSON.stringify(subscription.results)).not.toMatch(/internal: refund|was assigned/);
    subscription.unsubscribe();
    await client.dispose();
  });

  it('maps conversation events to the public Conversation and lets nothing internal through', async () => {
    const client = wsClient(gateway.url);
    const query = `subscription($inbox: String!, $contact: String!) {
      conversationEvents(inboxIdentifier: $inbox, contactIdentifier: $contact) {
        kind displayId conversation { displayId uuid inboxId status contactLastSeenAt agentLastSeenAt contact { id } }
      }
    }`;
    const subscription = record(client, query, variables);
    await eventually(() => cable.confirmedSubscriptions().length === 1);
    cable.broadcast(TOKEN, 'conversation.status_changed', conversationPayload());
    await eventually(() => subscription.results.length === 1);
    expect(subscription.results[0]?.data).toEqual({
      conversationEvents: {
        kind: 'CONVERSATION_STATUS_CHANGED',
        displayId: 7,
        conversation: {
          displayId: 7,
          uuid: null,
          inboxId: 3,
          status: 'RESOLVED',
          contactLastSeenAt: null,
          agentLastSeenAt: new Date(1764547200 * 1000).toISOString(),
          contact: null,
        },
      },
    });
    const text = JSON.stringify(subscription.results);
    for (const secret of [OTHER_TOKEN, 'vip-internal', 'Billing', 'do not show', 'secret']) expect(text).not.toContain(secret);
    subscription.unsubscribe();
    await client.dispose();
  });

  it("with displayId, delivers only that conversation's events", async () => {
    const { client, subscription } = await subscribe({ ...variables, displayId: 7 });
    await eventually(() => cable.confirmedSubscriptions().length === 1);
    cable.broadcast(TOKEN, 'message.created', messagePayload({ id: 20, conversation_id: 8 }));
    cable.broadcast(TOKEN, 'conversation.created', conversationPayload({ id: 8 }));
    cable.broadcast(TOKEN, 'message.created', messagePayload({ id: 21, conversation_id: 7 }));
    await eventually(() => subscription.results.length === 1);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(subscription.results).toHaveLength(1);
    expect((subscription.results[0]?.data?.conversationEvents as { message: { id: string } }).message.id).toBe('21');
    subscription.unsubscribe();
    await client.dispose();
  });

  it('shares one upstream subscription between two subscribers and unsubscribes after the last one leaves', async () => {
    const first = await subscribe();
    const second = await subscribe();
    await eventually(() => cable.confirmedSubscriptions().length === 1);
    await eventually(() => gateway.gateway.realtime.bridge.sizes.subscribers === 2, 10_000, 'two subscribers');
    expect(cable.commands.filter((c) => c.command === 'subscribe')).toHaveLength(1);

    cable.broadcast(TOKEN, 'message.created', messagePayload());
    await eventually(() => first.subscription.results.length === 1 && second.subscription.results.length === 1);

    first.subscription.unsubscribe();
    await eventually(() => gateway.gateway.realtime.bridge.sizes.subscribers === 1);
    expect(cable.commands.filter((c) => c.command === 'unsubscribe')).toHaveLength(0);
    second.subscription.unsubscribe();
    await eventually(() => cable.commands.filter((c) => c.command === 'unsubscribe').length === 1, 10_000, 'unsubscribe');
    expect(cable.commands.find((c) => c.command === 'unsubscribe')?.identifier).toBe(`{"channel":"RoomChannel","pubsub_token":"${TOKEN}"}`);
    await first.client.dispose();
    await second.client.dispose();
  });

  it('ends with NOT_FOUND for an unknown contact and subscribes nothing upstream', async () => {
    const { client, subscription } = await subscribe({ ...variables, contact: 'missing' });
    await subscription.done;
    expect(subscription.completed).toBe(true);
    expect(subscription.results).toHaveLength(1);
    expect(subscription.results[0]?.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(subscription.results[0]?.data ?? null).toBeNull();
    expect(cable.commands).toEqual([]);
    await client.dispose();
  });

  it('fails with UPSTREAM_UNAVAILABLE when Chatwoot never confirms, and frees the identifier upstream', async () => {
    const { client, subscription } = await subscribe({ ...variables, contact: 'silent' });
    await subscription.done;
    expect(subscription.results[0]?.errors?.[0]?.extensions).toEqual({ code: 'UPSTREAM_UNAVAILABLE', reason: 'subscription_unconfirmed' });
    expect(cable.commands.map((c) => c.command)).toEqual(['subscribe', 'unsubscribe']);
    expect(JSON.stringify(subscription.results)).not.toContain('tokenChatwootDoesNotKnow');
    await client.dispose();
  });

  it('reconnects a dropped upstream socket, subscribes again and sends RESYNC', async () => {
    const { client, subscription } = await subscribe();
    await eventually(() => cable.confirmedSubscriptions().length === 1);
    cable.dropAll();
    await eventually(() => subscription.results.length === 1, 10_000, 'RESYNC');
    expect(subscription.results[0]?.data?.conversationEvents).toEqual({ kind: 'RESYNC', displayId: null, message: null, conversation: null });
    expect(cable.commands.filter((c) => c.command === 'subscribe')).toHaveLength(2);
    // Still live after the reconnect.
    cable.broadcast(TOKEN, 'message.created', messagePayload());
    await eventually(() => subscription.results.length === 2);
    subscription.unsubscribe();
    await client.dispose();
  });

  it('treats a link without pings as dead and reconnects it', async () => {
    const { client, subscription } = await subscribe();
    await eventually(() => cable.confirmedSubscriptions().length === 1);
    cable.setPinging(false);
    try {
      await eventually(() => subscription.results.length === 1, 15_000, 'RESYNC after silence');
    } finally {
      cable.setPinging(true);
    }
    expect((subscription.results[0]?.data?.conversationEvents as { kind: string }).kind).toBe('RESYNC');
    subscription.unsubscribe();
    await client.dispose();
  });
});

describe('conversationEvents when Chatwoot\'s ActionCable cannot be reached', () => {
  it('fails with UPSTREAM_UNAVAILABLE after the confirmation timeout instead of waiting for ever', async () => {
    // A port that was just free: nothing listens there any more.
    const gone = await startFakeActionCable();
    const deadUrl = gone.cableUrl;
    await gone.close();
    const chatwoot = await startFakeChatwoot(() => ({ body: slimContact({ pubsub_token: TOKEN }) }));
    const gateway = await startTestGateway(chatwoot.url, {
      CHATWOOT_WEBSOCKET_URL: deadUrl,
      GATEWAY_REALTIME_CONFIRM_TIMEOUT_MS: '300',
      GATEWAY_REALTIME_RECONNECT_BASE_MS: '20',
      GATEWAY_REALTIME_RECONNECT_MAX_MS: '100',
    });
    try {
      const client = wsClient(gateway.url);
      const subscription = record(client, SUBSCRIPTION, { inbox: 'inbox-1', contact: 'contact-1' });
      await subscription.done;
      expect(subscription.results[0]?.errors?.[0]?.extensions).toEqual({ code: 'UPSTREAM_UNAVAILABLE', reason: 'subscription_unconfirmed' });
      // Nothing is left trying: the socket of the failed subscription is closed.
      await eventually(() => gateway.gateway.realtime.bridge.sizes.upstreamSockets === 0);
      await client.dispose();
    } finally {
      await gateway.close();
      await chatwoot.close();
    }
  });
});

import { useGatewayWithFakeChatwoot } from '../support/harness';
import { CONTACT, clientApiHandler, conversationJson, INBOX } from '../support/clientApi';

const ADDR = `inboxIdentifier: "${INBOX}", contactIdentifier: "${CONTACT}"`;
const NOT_FOUND = () => ({ status: 404, body: { status: 404, error: 'Not Found' } });

describe('conversations', () => {
  const harness = useGatewayWithFakeChatwoot({}, () => clientApiHandler());

  it('maps a conversation: display id, enum status, Unix seconds as DateTime, 0 as never, the embedded full contact', async () => {
    const result = await harness.gateway.query(`{ conversation(${ADDR}, displayId: 7) {
      displayId uuid inboxId status contactLastSeenAt agentLastSeenAt inboxIdentifier contactIdentifier
      contact { id sourceId inboxIdentifier identifier customAttributes email }
    } }`);
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      conversation: {
        displayId: 7,
        uuid: '00000000-0000-4000-8000-000000000007',
        inboxId: 3,
        status: 'OPEN',
        contactLastSeenAt: new Date(1_785_000_100 * 1000).toISOString(),
        agentLastSeenAt: null,
        inboxIdentifier: INBOX,
        contactIdentifier: CONTACT,
        contact: { id: '42', sourceId: CONTACT, inboxIdentifier: INBOX, identifier: 'user-77', customAttributes: { plan: 'pro' }, email: 'alice@example.com' },
      },
    });
  });

  it('lists a contact\'s conversations in the order Chatwoot gives them', async () => {
    const result = await harness.gateway.query(`{ contact(${ADDR}) { sourceId conversations { displayId status } } }`);
    expect(result.data).toEqual({
      contact: { sourceId: CONTACT, conversations: [{ displayId: 7, status: 'OPEN' }, { displayId: 8, status: 'OPEN' }] },
    });
  });

  it('creates a conversation without a body field when no input is given', async () => {
    const result = await harness.gateway.query(`mutation { createConversation(${ADDR}) { displayId status } }`);
    expect(result.data).toEqual({ createConversation: { displayId: 9, status: 'OPEN' } });
    expect(harness.chatwoot.last().json).toEqual({});
  });

  it('resolves a conversation and returns it as Chatwoot answers', async () => {
    const result = await harness.gateway.query(`mutation { resolveConversation(${ADDR}, displayId: 7) { displayId status } }`);
    expect(result.data).toEqual({ resolveConversation: { displayId: 7, status: 'RESOLVED' } });
  });

  it.each(['PENDING', 'SNOOZED'])('maps the %s status', async (status) => {
    harness.chatwoot.reply(() => ({ body: conversationJson(7, { status: status.toLowerCase() }) }));
    const result = await harness.gateway.query(`{ conversation(${ADDR}, displayId: 7) { status } }`);
    expect(result.data).toEqual({ conversation: { status } });
  });

  it('accepts the empty 200 of toggle_typing and reads the conversation afresh only when asked', async () => {
    const bare = await harness.gateway.query(`mutation { setTypingStatus(${ADDR}, displayId: 7, status: OFF) { status displayId } }`);
    expect(bare.data).toEqual({ setTypingStatus: { status: 'OFF', displayId: 7 } });
    expect(harness.chatwoot.requests).toHaveLength(1);
    expect(harness.chatwoot.last().url).toBe(`/public/api/v1/inboxes/${INBOX}/contacts/${CONTACT}/conversations/7/toggle_typing?typing_status=off`);

    const withConversation = await harness.gateway.query(
      `mutation { setTypingStatus(${ADDR}, displayId: 7, status: ON) { conversation { displayId status } } }`,
    );
    expect(withConversation.data).toEqual({ setTypingStatus: { conversation: { displayId: 7, status: 'OPEN' } } });
    expect(harness.chatwoot.requests.map((r) => `${r.method} ${r.path}`).slice(1)).toEqual([
      `POST /public/api/v1/inboxes/${INBOX}/contacts/${CONTACT}/conversations/7/toggle_typing`,
      `GET /public/api/v1/inboxes/${INBOX}/contacts/${CONTACT}/conversations/7`,
    ]);
  });

  it('accepts the empty 200 of update_last_seen', async () => {
    const result = await harness.gateway.query(`mutation { markConversationSeen(${ADDR}, displayId: 7) { displayId } }`);
    expect(result).toMatchObject({ data: { markConversationSeen: { displayId: 7 } } });
    expect(result.errors).toBeUndefined();
  });

  it.each([
    ['conversation', `{ conversation(${ADDR}, displayId: 70) { displayId } }`],
    ['resolveConversation', `mutation { resolveConversation(${ADDR}, displayId: 70) { displayId } }`],
    ['setTypingStatus', `mutation { setTypingStatus(${ADDR}, displayId: 70, status: ON) { displayId } }`],
    ['markConversationSeen', `mutation { markConversationSeen(${ADDR}, displayId: 70) { displayId } }`],
    ['createConversation', `mutation { createConversation(${ADDR}) { displayId } }`],
  ])('%s reports NOT_FOUND for an unknown conversation or contact', async (field, query) => {
    harness.chatwoot.reply(NOT_FOUND);
    const result = await harness.gateway.query(query);
    expect(result.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(result.errors?.[0]?.path).toEqual([field]);
  });

  it.each([
    ['zero', 0],
    ['negative', -3],
  ])('refuses a %s displayId with BAD_USER_INPUT naming it, without calling Chatwoot', async (_name, displayId) => {
    const result = await harness.gateway.query(`mutation { resolveConversation(${ADDR}, displayId: ${displayId}) { displayId } }`);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'displayId' });
    expect(harness.chatwoot.requests).toHaveLength(0);
  });

  it('refuses a typing status outside ON and OFF as invalid GraphQL', async () => {
    const result = await harness.gateway.query(`mutation { setTypingStatus(${ADDR}, displayId: 7, status: MAYBE) { displayId } }`);
    expect(result.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(harness.chatwoot.requests).toHaveLength(0);
  });

  it('tells the caller why a contact without sourceId cannot list conversations', async () => {
    harness.chatwoot.reply(() => ({ body: { id: 7, name: 'Alice', email: null, phone_number: null, account_id: 1 } }));
    const result = await harness.gateway.query(`mutation { updateContact(${ADDR}, input: { name: "A" }) { id conversations { displayId } } }`);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'sourceId' });
    expect(result.errors?.[0]?.path).toEqual(['updateContact', 'conversations']);
  });

  it('reports a conversation without an id as UPSTREAM_UNAVAILABLE instead of inventing a display id', async () => {
    harness.chatwoot.reply((r) => (r.path.endsWith('/conversations') ? { body: [{ uuid: 'u', status: 'open' }] } : clientApiHandler()(r)));
    const result = await harness.gateway.query(`{ contact(${ADDR}) { id conversations { displayId } } }`);
    expect(result.data).toEqual({ contact: null });
    expect(result.errors?.[0]).toMatchObject({
      path: ['contact', 'conversations'],
      extensions: { code: 'UPSTREAM_UNAVAILABLE', reason: 'invalid_response' },
    });
  });
});

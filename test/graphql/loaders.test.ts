import { useGatewayWithFakeChatwoot } from '../support/harness';
import { CONTACT, clientApiHandler, conversationJson, INBOX } from '../support/clientApi';
import { type FakeChatwoot } from '../support/servers';

const ADDR = `inboxIdentifier: "${INBOX}", contactIdentifier: "${CONTACT}"`;
const CONTACT_PATH = `/public/api/v1/inboxes/${INBOX}/contacts/${CONTACT}`;
const count = (chatwoot: FakeChatwoot, method: string, pattern: RegExp) =>
  chatwoot.requests.filter((r) => r.method === method && pattern.test(r.path)).length;

describe('per-request loaders', () => {
  const harness = useGatewayWithFakeChatwoot({ GATEWAY_MAX_CONCURRENT_READS: '3' }, () => clientApiHandler());

  it('sends a conversation list named three times in one request once', async () => {
    const result = await harness.gateway.query(`{
      a: inbox(identifier: "${INBOX}") { contact(identifier: "${CONTACT}") { conversations { displayId } } }
      b: contact(${ADDR}) { conversations { displayId } }
      c: contact(${ADDR}) { again: conversations { uuid } }
    }`);
    expect(result.errors).toBeUndefined();
    expect(count(harness.chatwoot, 'GET', /\/conversations$/)).toBe(1);
    expect((result.data as { b: { conversations: unknown[] } }).b.conversations).toHaveLength(2);
  });

  it('makes exactly N message calls for N conversations, one per conversation', async () => {
    const n = 12;
    harness.chatwoot.reply((r) =>
      r.method === 'GET' && r.path === `${CONTACT_PATH}/conversations`
        ? { body: Array.from({ length: n }, (_u, i) => conversationJson(i + 1)) }
        : clientApiHandler()(r),
    );
    const result = await harness.gateway.query(`{ contact(${ADDR}) { conversations { displayId messages { id conversationDisplayId } } } }`);
    expect(result.errors).toBeUndefined();
    const messagePaths = harness.chatwoot.requests.filter((r) => r.path.endsWith('/messages')).map((r) => r.path);
    expect(messagePaths).toHaveLength(n);
    expect(new Set(messagePaths).size).toBe(n);
    const conversations = (result.data as { contact: { conversations: Array<{ displayId: number; messages: Array<{ conversationDisplayId: number }> }> } })
      .contact.conversations;
    for (const c of conversations) expect(c.messages.every((m) => m.conversationDisplayId === c.displayId)).toBe(true);
  });

  it('keeps reads with different arguments or result-changing options apart, and shares across timeouts', async () => {
    await harness.gateway.query(`{ conversation(${ADDR}, displayId: 7) {
      first: messages { id }
      older: messages(before: "2") { id }
      quick: messages(options: { timeoutMs: 5000 }) { id }
    } }`);
    expect(harness.chatwoot.requests.filter((r) => r.path.endsWith('/messages')).map((r) => r.query).sort()).toEqual(['', '?before=2']);
  });

  it('does not share answers between two GraphQL requests', async () => {
    await harness.gateway.query(`{ inbox(identifier: "${INBOX}") { name } }`);
    await harness.gateway.query(`{ inbox(identifier: "${INBOX}") { name } }`);
    expect(count(harness.chatwoot, 'GET', /^\/public\/api\/v1\/inboxes\/[^/]+$/)).toBe(2);
  });

  it('reads again after a mutation in the same request, so the payload shows the new state', async () => {
    let typing = 'off';
    harness.chatwoot.reply((r) => {
      if (r.path.endsWith('/toggle_typing')) typing = 'on';
      if (r.method === 'GET' && r.path.endsWith('/conversations/7')) return { body: conversationJson(7, { status: typing === 'on' ? 'pending' : 'open' }) };
      return clientApiHandler()(r);
    });
    const result = await harness.gateway.query(`mutation {
      before: markConversationSeen(${ADDR}, displayId: 7) { conversation { status } }
      typing: setTypingStatus(${ADDR}, displayId: 7, status: ON) { conversation { status } }
    }`);
    expect(result.data).toEqual({ before: { conversation: { status: 'OPEN' } }, typing: { conversation: { status: 'PENDING' } } });
    expect(count(harness.chatwoot, 'GET', /\/conversations\/7$/)).toBe(2);
  });

  it('runs independent reads concurrently but never more than GATEWAY_MAX_CONCURRENT_READS at once', async () => {
    let inFlight = 0;
    let peak = 0;
    harness.chatwoot.reply(async (r) => {
      if (r.method === 'GET' && r.path === `${CONTACT_PATH}/conversations`) return { body: Array.from({ length: 9 }, (_u, i) => conversationJson(i + 1)) };
      if (!r.path.endsWith('/messages')) return clientApiHandler()(r);
      inFlight += 1;
      peak = Math.max(peak, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 30));
      inFlight -= 1;
      return clientApiHandler()(r);
    });
    const result = await harness.gateway.query(`{ contact(${ADDR}) { conversations { messages { id } } } }`);
    expect(result.errors).toBeUndefined();
    expect(harness.chatwoot.requests.filter((r) => r.path.endsWith('/messages'))).toHaveLength(9);
    expect(peak).toBe(3);
  });
});

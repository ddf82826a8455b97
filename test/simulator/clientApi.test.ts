import { startSimulator, type Simulator } from '../../src/simulator';
import { identifierHash } from '../../src/simulator/store';
import { startTestGateway, type TestGateway } from '../support/gateway';

/** Reads a value at a path of a GraphQL answer, so the tests can stay typed without declaring every shape. */
function at(value: unknown, ...path: Array<string | number>): unknown {
  return path.reduce<unknown>((node, key) => (node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined), value);
}
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

describe('simulator: the Client API graph through the gateway', () => {
  let sim: Simulator;
  let gateway: TestGateway;
  const q = async (query: string, variables?: Record<string, unknown>) => {
    const result = await gateway.query(query, variables);
    return { data: result.data as unknown, errors: result.errors };
  };

  beforeEach(async () => {
    sim = await startSimulator();
    gateway = await startTestGateway(sim.url);
  });
  afterEach(async () => {
    await gateway.close();
    await sim.close();
  });

  const addr = () => `inboxIdentifier: "${sim.demo.inboxIdentifier}", contactIdentifier: "${sim.demo.contactIdentifier}"`;

  it('shows the public inbox with identity validation and a seven-day schedule', async () => {
    const { data } = await q(`{ inbox(identifier: "${sim.demo.secureInboxIdentifier}") {
      identifier identityValidationEnabled workingHours { dayOfWeek closedAllDay openHour } } }`);
    expect(at(data, 'inbox', 'identityValidationEnabled')).toBe(true);
    expect(list(at(data, 'inbox', 'workingHours')).map((d) => at(d, 'dayOfWeek'))).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(at(data, 'inbox', 'workingHours', 0)).toEqual({ dayOfWeek: 0, closedAllDay: true, openHour: null });
  });

  it('walks inbox → contact → conversations → messages, leaving private notes out', async () => {
    const { data, errors } = await q(`{ inbox(identifier: "${sim.demo.inboxIdentifier}") { name
      contact(identifier: "${sim.demo.contactIdentifier}") { name conversations { displayId status contact { name customAttributes }
        messages { content messageType sender { type name } } } } } }`);
    expect(errors).toBeUndefined();
    const [conversation] = list(at(data, 'inbox', 'contact', 'conversations'));
    expect(conversation).toMatchObject({ displayId: 1, status: 'OPEN', contact: { name: 'Alice Demo', customAttributes: { plan: 'free' } } });
    expect(at(conversation, 'messages')).toEqual([
      { content: 'Hi, my invoice is missing.', messageType: 'INCOMING', sender: { type: 'contact', name: 'Alice Demo' } },
      { content: 'Sorry about that, I have sent it again.', messageType: 'OUTGOING', sender: { type: 'user', name: 'Dana (support)' } },
    ]);
  });

  it('numbers new conversations with the account\'s next display id and records sent messages as incoming', async () => {
    const created = await q(`mutation { createContact(inboxIdentifier: "${sim.demo.inboxIdentifier}", input: { name: "Neo" }) { sourceId } }`);
    const sourceId = at(created.data, 'createContact', 'sourceId') as string;
    const conv = await q(`mutation { createConversation(inboxIdentifier: "${sim.demo.inboxIdentifier}", contactIdentifier: "${sourceId}",
      input: { customAttributes: { topic: "x" } }) { displayId status } }`);
    expect(at(conv.data, 'createConversation')).toEqual({ displayId: 2, status: 'OPEN' });
    const sent = await q(`mutation { sendMessage(inboxIdentifier: "${sim.demo.inboxIdentifier}", contactIdentifier: "${sourceId}",
      displayId: 2, input: { content: "Hello", echoId: "e1" }) { content messageType conversationDisplayId } }`);
    expect(at(sent.data, 'sendMessage')).toEqual({ content: 'Hello', messageType: 'INCOMING', conversationDisplayId: 2 });
  });

  it('pages messages 20 at a time, oldest first, and back with before', async () => {
    const conversation = sim.store.conversations[0]!;
    const base = sim.store.messages.length;
    for (let i = 1; i <= 45; i += 1) sim.store.addMessage(conversation, { content: `m${i}`, createdAt: 1_900_000_000 + i });
    const page = async (before?: string) => {
      const { data } = await q(`query($b: ID) { conversation(${addr()}, displayId: 1) { messages(before: $b) { id content } } }`, { b: before });
      return at(data, 'conversation', 'messages') as Array<{ id: string; content: string }>;
    };

    const latest = await page();
    expect(latest.map((m) => m.content)).toEqual(Array.from({ length: 20 }, (_u, i) => `m${26 + i}`));
    const older = await page(latest[0]!.id);
    expect(older.map((m) => m.content)).toEqual(Array.from({ length: 20 }, (_u, i) => `m${6 + i}`));
    const oldest = await page(older[0]!.id);
    expect(oldest).toHaveLength(5 + base - 1); // m1..m5 plus the seeded chat messages (the private note is left out)
  });

  it('resolves (also when already resolved) and hides the activity message it adds', async () => {
    const first = await q(`mutation { resolveConversation(${addr()}, displayId: 1) { status } }`);
    const again = await q(`mutation { resolveConversation(${addr()}, displayId: 1) { status messages { messageType } } }`);
    expect(at(first.data, 'resolveConversation', 'status')).toBe('RESOLVED');
    expect(at(again.data, 'resolveConversation', 'status')).toBe('RESOLVED');
    expect(list(at(again.data, 'resolveConversation', 'messages')).map((m) => at(m, 'messageType'))).not.toContain('ACTIVITY');
    expect(sim.store.messages.filter((m) => m.messageType === 2)).toHaveLength(1);
  });

  it('answers typing and last-seen with an empty 200, and records them', async () => {
    const path = `${sim.url}/public/api/v1/inboxes/${sim.demo.inboxIdentifier}/contacts/${sim.demo.contactIdentifier}/conversations/1`;
    const raw = await fetch(`${path}/toggle_typing?typing_status=on`, { method: 'POST' });
    expect(raw.status).toBe(200);
    expect(await raw.text()).toBe('');

    const typing = await q(`mutation { setTypingStatus(${addr()}, displayId: 1, status: OFF) { status } }`);
    expect(at(typing.data, 'setTypingStatus', 'status')).toBe('OFF');
    expect(sim.store.conversations[0]!.typingStatus).toBe('off');

    const seen = await q(`mutation { markConversationSeen(${addr()}, displayId: 1) { conversation { contactLastSeenAt } } }`);
    expect(Date.parse(at(seen.data, 'markConversationSeen', 'conversation', 'contactLastSeenAt') as string)).toBeGreaterThan(Date.now() - 60_000);
  });

  it('shows an unverified contact inbox only its own conversations, a verified one all of the contact\'s', async () => {
    const website = sim.store.findInbox(sim.demo.inboxIdentifier)!;
    const secure = sim.store.findInbox(sim.demo.secureInboxIdentifier)!;
    const carol = sim.store.addContact({ name: 'Carol', identifier: 'carol-1' });
    sim.store.addConversation(sim.store.linkContact(carol, website, 'carol-web'));
    sim.store.addConversation(sim.store.linkContact(carol, secure, 'carol-app'));

    const unverified = await q(`{ contact(inboxIdentifier: "${website.identifier}", contactIdentifier: "carol-web") { conversations { inboxId } } }`);
    expect(at(unverified.data, 'contact', 'conversations')).toEqual([{ inboxId: website.id }]);

    const hash = identifierHash(secure.hmacToken, 'carol-1');
    const verified = await q(`{ inbox(identifier: "${secure.identifier}") {
      contact(identifier: "carol-app", identity: { identifier: "carol-1", identifierHash: "${hash}" }) { conversations { inboxId } } } }`);
    expect(list(at(verified.data, 'inbox', 'contact', 'conversations')).map((c) => at(c, 'inboxId')).sort()).toEqual([website.id, secure.id].sort());
  });

  it('reports NOT_FOUND for another contact\'s conversation and for an unknown display id', async () => {
    const other = sim.store.addContact({ name: 'Eve' });
    const link = sim.store.linkContact(other, sim.store.findInbox(sim.demo.inboxIdentifier)!, 'eve');
    const eves = sim.store.addConversation(link);
    for (const displayId of [eves.displayId, 999]) {
      const { data, errors } = await q(`{ conversation(${addr()}, displayId: ${displayId}) { displayId } }`);
      expect(at(data, 'conversation')).toBeNull();
      expect(errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    }
  });

  it('returns the open conversation instead of a new one when the inbox is locked to one conversation', async () => {
    sim.store.findInbox(sim.demo.inboxIdentifier)!.lockToSingleConversation = true;
    const { data } = await q(`mutation { createConversation(${addr()}) { displayId } }`);
    expect(at(data, 'createConversation', 'displayId')).toBe(1);
    expect(sim.store.conversations).toHaveLength(1);
  });

  it('stores a CSAT answer, and refuses one after 14 days with BAD_USER_INPUT', async () => {
    const conversation = sim.store.conversations[0]!;
    const fresh = sim.store.addMessage(conversation, { messageType: 3, contentType: 'input_csat', content: 'Rate us' });
    const stale = sim.store.addMessage(conversation, {
      messageType: 3, contentType: 'input_csat', content: 'Rate us', createdAt: Math.floor(Date.now() / 1000) - 15 * 86_400,
    });
    const answer = (id: number) =>
      q(`mutation { submitMessageResponse(${addr()}, displayId: 1, messageId: "${id}", input: { csatSurveyResponse: { rating: 5, feedbackMessage: "Quick" } }) { messageType contentAttributes } }`);

    const ok = await answer(fresh.id);
    expect(at(ok.data, 'submitMessageResponse')).toEqual({
      messageType: 'TEMPLATE',
      contentAttributes: { submitted_values: { csat_survey_response: { rating: 5, feedback_message: 'Quick' } } },
    });
    const late = await answer(stale.id);
    expect(late.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('serves the CSAT survey page of a conversation', async () => {
    const { data } = await q(`{ conversation(${addr()}, displayId: 1) { uuid csatSurveyPage { url } } }`);
    expect(at(data, 'conversation', 'csatSurveyPage', 'url')).toBe(`${sim.url}/survey/responses/${String(at(data, 'conversation', 'uuid'))}`);
  });
});

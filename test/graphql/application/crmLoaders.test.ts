import { startApplicationGateway } from '../../support/application';
import type { TestGateway } from '../../support/gateway';
import { type FakeChatwoot, type RecordedRequest, startFakeChatwoot } from '../../support/servers';

/**
 * What a page of conversations costs upstream: the page itself, then one call per distinct record its fields need
 * (each contact read once however many conversations share it, each conversation's messages once however often
 * they are selected, each inbox once), never one call per field. And the join into the Client API graph.
 */

const CONTACTS = 5;
const INBOXES = 2;
const conversation = (n: number) => ({
  id: n,
  account_id: 1,
  inbox_id: (n % INBOXES) + 1,
  status: 'open',
  meta: { sender: { id: (n % CONTACTS) + 1, name: `Contact ${(n % CONTACTS) + 1}`, type: 'contact' } },
  last_non_activity_message: { id: n * 100, content: `last of ${n}`, message_type: 0, conversation_id: n },
});

function answer(request: RecordedRequest) {
  const path = request.path;
  let match: RegExpExecArray | null;
  if (path === '/api/v1/accounts/1/conversations') return { body: { data: { meta: { all_count: 25 }, payload: Array.from({ length: 25 }, (_, i) => conversation(i + 1)) } } };
  if ((match = /^\/api\/v1\/accounts\/1\/contacts\/(\d+)$/.exec(path))) {
    const id = Number(match[1]);
    return { body: { payload: { id, name: `Contact ${id}`, created_at: 1767500000, contact_inboxes: [{ source_id: `src-${id}`, inbox: { id: 1, channel_type: 'Channel::Api' } }] } } };
  }
  if ((match = /^\/api\/v1\/accounts\/1\/conversations\/(\d+)\/messages$/.exec(path))) {
    return { body: { meta: {}, payload: [{ id: Number(match[1]) * 100, content: 'hi', message_type: 0 }] } };
  }
  if ((match = /^\/api\/v1\/accounts\/1\/inboxes\/(\d+)$/.exec(path))) {
    return { body: { id: Number(match[1]), name: `Inbox ${match[1]}`, channel_type: 'Channel::Api', inbox_identifier: `pub-${match[1]}`, hmac_token: 'hidden' } };
  }
  if ((match = /^\/public\/api\/v1\/inboxes\/pub-1\/contacts\/(src-\d+)$/.exec(path))) {
    return { body: { id: 1, source_id: match[1], name: 'Public view', email: 'p@example.com', pubsub_token: 'pubsub' } };
  }
  return { status: 404, body: { error: 'Resource could not be found' } };
}

describe('upstream calls of a page of conversations', () => {
  let chatwoot: FakeChatwoot;
  let gateway: TestGateway;
  beforeAll(async () => {
    chatwoot = await startFakeChatwoot(answer);
    gateway = await startApplicationGateway(chatwoot.url);
  });
  afterAll(async () => {
    await gateway.close();
    await chatwoot.close();
  });

  const calls = async (document: string) => {
    const before = chatwoot.requests.length;
    const result = await gateway.query(document, {}, { 'api-access-token': 'caller' });
    expect(result.errors).toBeUndefined();
    const sent = chatwoot.requests.slice(before).map((r) => r.path);
    return { result, sent, count: (pattern: RegExp) => sent.filter((p) => pattern.test(p)).length };
  };

  it('makes no call beyond the page for what the page embeds (contact names, last messages)', async () => {
    const { sent } = await calls('{ account(id: 1) { conversations { nodes { displayId status contact { id name } lastMessage { content } } } } }');
    expect(sent).toEqual(['/api/v1/accounts/1/conversations']);
  });

  it('reads each distinct contact, inbox and message window once for 25 conversations', async () => {
    const { sent, count } = await calls(`{ account(id: 1) { conversations { nodes {
        contact { name createdAt again: createdAt } inbox { name } messages { nodes { id } } same: messages { oldestId } } } } }`);
    expect(count(/\/conversations$/)).toBe(1);
    expect(count(/\/contacts\/\d+$/)).toBe(CONTACTS);
    expect(count(/\/inboxes\/\d+$/)).toBe(INBOXES);
    expect(count(/\/messages$/)).toBe(25);
    expect(sent).toHaveLength(1 + CONTACTS + INBOXES + 25);
    expect(new Set(sent).size).toBe(sent.length);
  });

  it('joins a contact inbox to the Client API contact: one inbox read and one public read per distinct contact', async () => {
    const { result, count } = await calls(`{ account(id: 1) { conversations { nodes { contact { contactInboxes { sourceId clientContact { sourceId name inboxIdentifier } } } } } } }`);
    const nodes = (result.data as { account: { conversations: { nodes: { contact: { contactInboxes: { clientContact: unknown }[] } }[] } } }).account.conversations.nodes;
    expect(nodes[0]!.contact.contactInboxes[0]!.clientContact).toEqual({ sourceId: 'src-2', name: 'Public view', inboxIdentifier: 'pub-1' });
    expect(count(/^\/public\/api\/v1\/inboxes\/pub-1\/contacts\/src-\d+$/)).toBe(CONTACTS);
    expect(count(/\/accounts\/1\/inboxes\/1$/)).toBe(1);
    expect(result.text).not.toContain('hidden');
  });
});

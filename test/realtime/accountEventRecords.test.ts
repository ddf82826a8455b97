import { toAccountEvent } from '../../src/realtime/accountEvents';
import { defaultCableUrl, identifierOf, parseServerFrame } from '../../src/realtime/actionCable';

/**
 * The agent-side records are the Application API's (AccountMessage, AccountConversation, AccountContact): complete
 * for agents, and without anything that carries another principal's token.
 */
describe('agent event records', () => {
  const conversation = {
    id: 7,
    inbox_id: 3,
    status: 'open',
    priority: 'high',
    unread_count: 2,
    labels: ['billing', 42],
    contact_inbox: { source_id: 'contact-1', pubsub_token: 'contactPermanentToken001' },
    meta: { sender: { id: 42, name: 'Alice' }, assignee: { id: 5 }, team: { id: 2 } },
    custom_attributes: { plan: 'pro' },
    snoozed_until: null,
    waiting_since: 1764547200,
    first_reply_created_at: 0,
    last_activity_at: 1764547200,
    created_at: 1764540000,
    account_id: 1,
  };

  it('maps a conversation event to the Application API record, without contact_inbox or its pubsub token', () => {
    const event = toAccountEvent({ event: 'team.changed', data: conversation }, 1);
    expect(event).toMatchObject({
      kind: 'TEAM_CHANGED',
      accountId: '1',
      displayId: 7,
      message: null,
      contact: null,
      conversation: {
        accountId: '1',
        displayId: 7,
        inboxId: '3',
        status: 'open',
        priority: 'high',
        unreadCount: 2,
        labels: ['billing'],
        customAttributes: { plan: 'pro' },
        snoozedUntil: null,
        waitingSince: '2025-12-01T00:00:00.000Z',
        firstReplyCreatedAt: null,
        lastActivityAt: '2025-12-01T00:00:00.000Z',
        createdAt: new Date(1764540000 * 1000).toISOString(),
        contact: { id: '42', name: 'Alice' },
      },
    });
    expect(JSON.stringify(event)).not.toContain('contactPermanentToken001');
  });

  it('maps a private note with its flag and sender, and a contact event', () => {
    const note = toAccountEvent(
      {
        event: 'message.created',
        data: { id: 9, content: 'VIP', message_type: 1, private: true, conversation_id: 7, inbox_id: 3, created_at: 1764547200, account_id: 1, sender: { id: 5, available_name: 'Dana', type: 'user' }, conversation: { contact_inbox: { source_id: 'x' } } },
      },
      1,
    );
    expect(note).toMatchObject({ kind: 'MESSAGE_CREATED', displayId: 7, message: { id: '9', private: true, messageType: 'outgoing', conversationDisplayId: 7, sender: { id: '5', name: 'Dana' } } });
    const contact = toAccountEvent({ event: 'contact.merged', data: { id: 42, name: 'Alice', email: 'a@example.com', account_id: 1, blocked: false } }, 1);
    expect(contact).toMatchObject({ kind: 'CONTACT_MERGED', displayId: null, contact: { id: '42', name: 'Alice', email: 'a@example.com', blocked: false } });
  });

  it("drops other accounts' events and events it does not know", () => {
    expect(toAccountEvent({ event: 'conversation.read', data: { ...conversation, account_id: 2 } }, 1)).toBe('other_account');
    expect(toAccountEvent({ event: 'notification.created', data: { account_id: 1 } }, 1)).toBe('unknown_event');
    expect(toAccountEvent({ event: 'message.updated', data: { account_id: 1 } }, 1)).toBe('malformed');
  });
});

describe('the ActionCable protocol', () => {
  it('builds identifiers with a fixed key order and the default cable URL from the base URL', () => {
    expect(identifierOf({ kind: 'agent', pubsubToken: 't', accountId: 1, userId: 5 })).toBe('{"channel":"RoomChannel","pubsub_token":"t","account_id":1,"user_id":5}');
    expect(defaultCableUrl('https://chat.example.com/prefix')).toBe('wss://chat.example.com/prefix/cable');
    expect(defaultCableUrl('http://127.0.0.1:3000')).toBe('ws://127.0.0.1:3000/cable');
  });

  it('reads the frames Rails sends and treats anything else as noise', () => {
    expect(parseServerFrame('{"type":"welcome"}')).toEqual({ type: 'welcome' });
    expect(parseServerFrame('{"type":"disconnect","reason":"server_restart","reconnect":true}')).toEqual({ type: 'disconnect', reconnect: true });
    expect(parseServerFrame('{"identifier":"x","type":"confirm_subscription"}')).toEqual({ type: 'confirm', identifier: 'x' });
    expect(parseServerFrame('{"identifier":"x","message":{"event":"e","data":{"a":1}}}')).toEqual({ type: 'event', identifier: 'x', event: { event: 'e', data: { a: 1 } } });
    for (const noise of ['not json', '[]', 'null', '{"identifier":"x","message":"text"}']) expect(parseServerFrame(noise)).toEqual({ type: 'other' });
  });
});

import { findContact, fullRecord } from './contacts';
import { notFound, ok, type SimResponse, type SimRouter } from './http';
import { publicMessage } from './messages';
import type { JsonObject, SimContactInbox, SimConversation, SimInbox, SimulatorStore } from './store';

/**
 * The Client API conversation endpoints as Chatwoot's public ConversationsController behaves: the inbox, then the
 * contact inbox, must exist (404 otherwise; no HMAC check here). A contact inbox that passed identity validation sees
 * every conversation of its contact; any other sees only the conversations opened through it. `{conversation_id}` is
 * the display id.
 */
export function registerConversationRoutes(router: SimRouter, store: SimulatorStore): void {
  const base = '/public/api/v1/inboxes/:inbox/contacts/:contact/conversations';

  router.on('GET', base, (req) => {
    const found = findContact(store, req.params.inbox!, req.params.contact!);
    if ('status' in found) return found;
    return ok(visibleConversations(store, found.link).map((c) => publicConversation(store, c)));
  });

  router.on('POST', base, (req) => {
    const found = findContact(store, req.params.inbox!, req.params.contact!);
    if ('status' in found) return found;
    // An inbox locked to one conversation per contact hands back the latest one instead of opening another.
    if (found.inbox.lockToSingleConversation) {
      const latest = ownConversations(store, found.link).at(-1);
      if (latest) return ok(publicConversation(store, latest));
    }
    const attributes = req.body.custom_attributes;
    const customAttributes = attributes && typeof attributes === 'object' && !Array.isArray(attributes) ? (attributes as JsonObject) : {};
    return ok(publicConversation(store, store.addConversation(found.link, { customAttributes })));
  });

  router.on('GET', `${base}/:conversation`, (req) => withConversation(store, req.params, (c) => ok(publicConversation(store, c))));

  router.on('POST', `${base}/:conversation/toggle_status`, (req) =>
    withConversation(store, req.params, (conversation) => {
      // The public toggle only resolves; an already resolved conversation is returned as it is.
      if (conversation.status !== 'resolved') {
        conversation.status = 'resolved';
        store.addMessage(conversation, { messageType: 2, content: 'Conversation was resolved by the contact' });
        store.emit({ type: 'conversation.status_changed', conversation });
      }
      return ok(publicConversation(store, conversation));
    }),
  );

  router.on('POST', `${base}/:conversation/toggle_typing`, (req) =>
    withConversation(store, req.params, (conversation, { link }) => {
      // Chatwoot broadcasts on/off and ignores anything else, answering 200 with an empty body either way.
      const status = req.body.typing_status;
      if (status === 'on' || status === 'off') {
        conversation.typingStatus = status;
        const typer = { type: 'contact' as const, id: link.contactId };
        store.emit({ type: status === 'on' ? 'conversation.typing_on' : 'conversation.typing_off', conversation, typer, isPrivate: false });
      }
      return ok();
    }),
  );

  router.on('POST', `${base}/:conversation/update_last_seen`, (req) =>
    withConversation(store, req.params, (conversation) => {
      conversation.contactLastSeenAt = Math.floor(Date.now() / 1000);
      return ok();
    }),
  );
}

/** Finds the inbox, the contact inbox, then a conversation it may see by display id; any missing is a 404. */
export function withConversation(
  store: SimulatorStore,
  params: Record<string, string>,
  then: (conversation: SimConversation, scope: { inbox: SimInbox; link: SimContactInbox }) => SimResponse,
): SimResponse {
  const found = findContact(store, params.inbox!, params.contact!);
  if ('status' in found) return found;
  const displayId = /^\d+$/.test(params.conversation ?? '') ? Number(params.conversation) : NaN;
  const conversation = visibleConversations(store, found.link).find((c) => c.displayId === displayId);
  return conversation ? then(conversation, found) : notFound();
}

function ownConversations(store: SimulatorStore, link: SimContactInbox): SimConversation[] {
  return store.conversations.filter((c) => c.inboxId === link.inboxId && c.sourceId === link.sourceId);
}

function visibleConversations(store: SimulatorStore, link: SimContactInbox): SimConversation[] {
  if (link.hmacVerified) return store.conversations.filter((c) => c.contactId === link.contactId);
  return ownConversations(store, link);
}

/** The public `_conversation` partial: `id` is the display id and the contact is its full record. */
export function publicConversation(store: SimulatorStore, conversation: SimConversation): JsonObject {
  const contact = store.contacts.get(conversation.contactId);
  return {
    id: conversation.displayId,
    uuid: conversation.uuid,
    inbox_id: conversation.inboxId,
    contact_last_seen_at: conversation.contactLastSeenAt,
    status: conversation.status,
    agent_last_seen_at: conversation.agentLastSeenAt,
    messages: store.messages
      .filter((m) => m.conversationId === conversation.id && !m.private && m.messageType !== 2)
      .map((m) => publicMessage(m, conversation)),
    contact: contact ? fullRecord(contact) : null,
  };
}

/** Conversation #1 of the demo contact, with a short exchange, so the README's examples show real data. */
export function seedDemoConversation(store: SimulatorStore, link: SimContactInbox): SimConversation {
  const contact = store.contactOf(link);
  const conversation = store.addConversation(link);
  const agent = { type: 'user' as const, id: 1, name: 'Dana (support)' };
  store.addMessage(conversation, { content: 'Hi, my invoice is missing.', sender: { type: 'contact', id: contact.id, name: contact.name } });
  store.addMessage(conversation, { messageType: 1, content: 'Sorry about that, I have sent it again.', sender: agent });
  store.addMessage(conversation, { messageType: 1, content: 'Checked the billing address.', private: true, sender: agent });
  return conversation;
}

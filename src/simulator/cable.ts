import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';
import type { ApplicationStore } from './application';
import { publicAttachmentData } from './messages';
import { ACCOUNT_ID, type JsonObject, type SimConversation, type SimMessage, type SimStoreEvent, type SimulatorStore } from './store';

/**
 * Chatwoot's ActionCable endpoint at /cable, as Rails 7.1 and RoomChannel behave: `welcome` on connect, a `ping`
 * every 3 s, `confirm_subscription` for a known pubsub token and nothing at all for an unknown one (the identifier
 * stays registered, so a repeated subscribe is ignored). Agents stream their token and `account_1`; contacts their
 * contact_inbox token. Changes of the store are broadcast to the audiences Chatwoot's ActionCableListener picks, with
 * its internal payloads (contact_inbox and its pubsub token included: the gateway must strip them).
 */
export interface SimulatorCable {
  close(): void;
}

const BEAT_MS = 3000;

export function attachCable(server: Server, store: SimulatorStore, users: ApplicationStore): SimulatorCable {
  const wss = new WebSocketServer({
    noServer: true,
    handleProtocols: (protocols) => (protocols.has('actioncable-v1-json') ? 'actioncable-v1-json' : false),
  });
  const sockets = new Map<WebSocket, Map<string, string[]>>();

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    if ((req.url ?? '').split('?', 1)[0] !== '/cable') return socket.destroy();
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });

  wss.on('connection', (ws: WebSocket) => {
    const subscriptions = new Map<string, string[]>();
    sockets.set(ws, subscriptions);
    ws.send(JSON.stringify({ type: 'welcome' }));
    const beat = setInterval(() => ws.send(JSON.stringify({ type: 'ping', message: Math.floor(Date.now() / 1000) })), BEAT_MS);
    beat.unref();
    ws.on('close', () => {
      clearInterval(beat);
      sockets.delete(ws);
    });
    ws.on('error', () => undefined);
    ws.on('message', (raw) => {
      const frame = parseObject(raw.toString());
      const identifier = typeof frame?.identifier === 'string' ? frame.identifier : null;
      if (!frame || identifier === null) return;
      if (frame.command === 'unsubscribe') {
        subscriptions.delete(identifier);
        return;
      }
      if (frame.command !== 'subscribe' || subscriptions.has(identifier)) return;
      // RoomChannel#subscribed raises for an unknown token; Rails logs it and answers nothing.
      const streams = streamsFor(store, users, parseObject(identifier) ?? {});
      subscriptions.set(identifier, streams);
      if (streams.length > 0) ws.send(JSON.stringify({ identifier, type: 'confirm_subscription' }));
    });
  });

  const broadcast = (stream: string, event: string, data: JsonObject) => {
    for (const [ws, subscriptions] of sockets) {
      for (const [identifier, streams] of subscriptions) {
        if (streams.includes(stream) && ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify({ identifier, message: { event, data } }));
      }
    }
  };
  // Nobody listening: no payload to build.
  const stopListening = store.listen((event) => {
    if (sockets.size > 0) deliver(store, users, event, broadcast);
  });

  return {
    close() {
      stopListening();
      for (const ws of sockets.keys()) ws.terminate();
      wss.close();
    },
  };
}

function streamsFor(store: SimulatorStore, users: ApplicationStore, params: JsonObject): string[] {
  const token = params.pubsub_token;
  if (params.channel !== 'RoomChannel' || typeof token !== 'string' || token === '') return [];
  if (params.user_id === undefined || params.user_id === null || params.user_id === '') {
    return store.contactInboxes.some((link) => link.pubsubToken === token) ? [token] : [];
  }
  // User.find_by!(pubsub_token:, id:), then current_user.accounts.find(account_id).
  const user = [...users.users.values()].find((u) => u.pubsubToken === token && String(u.id) === String(params.user_id));
  if (!user || !users.membershipsOf(user.id).some((m) => String(m.accountId) === String(params.account_id))) return [];
  return [token, `account_${String(params.account_id)}`];
}

/** The audiences of ActionCableListener: the inbox's members and the account's administrators, and the contact unless private. */
function deliver(
  store: SimulatorStore,
  users: ApplicationStore,
  event: SimStoreEvent,
  broadcast: (stream: string, event: string, data: JsonObject) => void,
): void {
  const inboxId = event.conversation.inboxId;
  const agents = [...users.users.values()].filter(
    (u) =>
      users.membershipsOf(u.id).some((m) => m.accountId === ACCOUNT_ID && m.role === 'administrator') ||
      users.inboxMembers.some((m) => m.userId === u.id && m.inboxId === inboxId),
  );
  if (event.type === 'message.created') {
    const data = messagePushData(store, event.message, event.conversation);
    for (const agent of agents) broadcast(agent.pubsubToken, event.type, data);
    if (event.message.private || event.message.messageType === 2) return;
    for (const token of contactTokens(store, event.conversation)) broadcast(token, event.type, data);
    return;
  }
  const conversation = conversationPushData(store, event.conversation);
  if (!('typer' in event)) {
    for (const agent of agents) broadcast(agent.pubsubToken, event.type, conversation);
    for (const token of contactTokens(store, event.conversation)) broadcast(token, event.type, conversation);
    return;
  }
  const { typer } = event;
  const user = typer.type === 'user' ? { id: typer.id, type: 'user' } : { id: typer.id, type: 'contact' };
  const data = { conversation, user, is_private: event.isPrivate, account_id: ACCOUNT_ID };
  for (const agent of agents) if (!(typer.type === 'user' && typer.id === agent.id)) broadcast(agent.pubsubToken, event.type, data);
  // Typing goes to the conversation's own contact_inbox only, private or not (the gateway must drop private ones).
  if (typer.type !== 'contact') {
    const own = store.contactInboxes.find((l) => l.inboxId === event.conversation.inboxId && l.sourceId === event.conversation.sourceId);
    if (own) broadcast(own.pubsubToken, event.type, data);
  }
}

/** The conversation's contact_inbox token; with identity validation, every verified contact_inbox of the contact. */
function contactTokens(store: SimulatorStore, conversation: SimConversation): string[] {
  const own = store.contactInboxes.find((l) => l.inboxId === conversation.inboxId && l.sourceId === conversation.sourceId);
  if (!own) return [];
  if (!own.hmacVerified) return [own.pubsubToken];
  return store.contactInboxes.filter((l) => l.contactId === own.contactId && l.hmacVerified).map((l) => l.pubsubToken);
}

/** Message#push_event_data: every column, integer message_type, Unix created_at, the display id as conversation_id. */
function messagePushData(store: SimulatorStore, message: SimMessage, conversation: SimConversation): JsonObject {
  const contact = store.contacts.get(conversation.contactId);
  const data: JsonObject = {
    id: message.id,
    content: message.content,
    account_id: ACCOUNT_ID,
    inbox_id: conversation.inboxId,
    message_type: message.messageType,
    private: message.private,
    status: 'sent',
    source_id: null,
    content_type: message.contentType,
    content_attributes: message.contentAttributes,
    sender_type: message.sender?.type === 'user' ? 'User' : message.sender ? 'Contact' : null,
    sender_id: message.sender?.id ?? null,
    external_source_ids: {},
    additional_attributes: {},
    processed_message_content: message.content,
    sentiment: {},
    created_at: message.createdAt,
    updated_at: new Date(message.createdAt * 1000).toISOString(),
    conversation_id: conversation.displayId,
    conversation: { assignee_id: null, unread_count: 0, last_activity_at: message.createdAt, contact_inbox: { source_id: conversation.sourceId } },
  };
  if (message.attachments.length > 0) data.attachments = message.attachments.map(publicAttachmentData);
  if (message.sender?.type === 'user') {
    data.sender = { id: message.sender.id, name: message.sender.name, available_name: message.sender.name, avatar_url: '', type: 'user', availability_status: 'online', thumbnail: '' };
  } else if (message.sender && contact) {
    data.sender = {
      additional_attributes: contact.additionalAttributes,
      custom_attributes: contact.customAttributes,
      email: contact.email,
      id: contact.id,
      identifier: contact.identifier,
      name: contact.name,
      phone_number: contact.phoneNumber,
      thumbnail: '',
      blocked: contact.blocked,
      type: 'contact',
    };
  }
  return data;
}

/** Conversations::EventDataPresenter: internal fields, and the whole contact_inbox row with its pubsub token. */
function conversationPushData(store: SimulatorStore, conversation: SimConversation): JsonObject {
  const link = store.contactInboxes.find((l) => l.inboxId === conversation.inboxId && l.sourceId === conversation.sourceId);
  const contact = store.contacts.get(conversation.contactId);
  return {
    additional_attributes: {},
    can_reply: true,
    channel: 'Channel::Api',
    contact_inbox: link
      ? { contact_id: link.contactId, inbox_id: link.inboxId, source_id: link.sourceId, pubsub_token: link.pubsubToken, hmac_verified: link.hmacVerified }
      : null,
    id: conversation.displayId,
    inbox_id: conversation.inboxId,
    messages: [],
    labels: [],
    meta: { sender: contact ? { id: contact.id, name: contact.name, custom_attributes: contact.customAttributes, type: 'contact' } : null, assignee: null, team: null, hmac_verified: link?.hmacVerified ?? false },
    status: conversation.status,
    custom_attributes: conversation.customAttributes,
    snoozed_until: null,
    unread_count: 0,
    first_reply_created_at: 0,
    priority: null,
    waiting_since: 0,
    agent_last_seen_at: conversation.agentLastSeenAt,
    contact_last_seen_at: conversation.contactLastSeenAt,
    timestamp: Math.floor(Date.now() / 1000),
    created_at: Math.floor(Date.now() / 1000),
    updated_at: Date.now() / 1000,
    account_id: ACCOUNT_ID,
  };
}

function parseObject(text: string): JsonObject | null {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as JsonObject) : null;
  } catch {
    return null;
  }
}

import { unixToIso } from '../chatwoot/conversations';
import { booleanOrNull, numberOrNull, objectOrNull, stringOrNull } from '../chatwoot/records';
import type { JsonObject } from '../chatwoot/types';
import type { CableEvent } from './actionCable';
import type { DropReason } from './contactEvents';

/**
 * The agent side: events of an agent's stream (personal token plus `account_<id>`) mapped to plain camelCase
 * records. The GraphQL types for the three payload objects (AccountMessage, AccountConversation, AccountContact)
 * belong to the Application API; until they exist the schema exposes kind, accountId and displayId, and these records
 * carry the rest, ready to be resolved.
 */

/** The schema's AccountEventKind. */
export type AccountEventKindValue =
  | 'MESSAGE_CREATED'
  | 'MESSAGE_UPDATED'
  | 'CONVERSATION_CREATED'
  | 'CONVERSATION_UPDATED'
  | 'CONVERSATION_STATUS_CHANGED'
  | 'CONVERSATION_READ'
  | 'ASSIGNEE_CHANGED'
  | 'TEAM_CHANGED'
  | 'TYPING_ON'
  | 'TYPING_OFF'
  | 'CONTACT_CREATED'
  | 'CONTACT_UPDATED'
  | 'CONTACT_MERGED'
  | 'CONTACT_DELETED'
  | 'RESYNC';

/** A message as agents see it: private notes included (flagged), every field named, nothing else. */
export interface AccountMessageData {
  id: string;
  content: string | null;
  messageType: 'incoming' | 'outgoing' | 'activity' | 'template' | null;
  private: boolean;
  status: string | null;
  contentType: string | null;
  contentAttributes: JsonObject | null;
  createdAt: string | null;
  conversationDisplayId: number | null;
  inboxId: number | null;
  senderType: string | null;
  senderId: string | null;
  senderName: string | null;
  echoId: string | null;
  attachments: Array<{ id: string | null; fileType: string | null; dataUrl: string | null; thumbUrl: string | null; fileSize: number | null }>;
}

/** A conversation as agents see it, without `contact_inbox` (it carries the contact's permanent pubsub token). */
export interface AccountConversationData {
  displayId: number;
  inboxId: number | null;
  status: string | null;
  priority: string | null;
  unreadCount: number | null;
  labels: string[];
  assigneeId: string | null;
  teamId: string | null;
  contactId: string | null;
  customAttributes: JsonObject | null;
  snoozedUntil: string | null;
  waitingSince: string | null;
  firstReplyCreatedAt: string | null;
  lastActivityAt: string | null;
  createdAt: string | null;
}

/** A contact as agents see it in the account's contact events. */
export interface AccountContactData {
  id: string;
  name: string | null;
  email: string | null;
  phoneNumber: string | null;
  identifier: string | null;
  thumbnail: string | null;
  blocked: boolean | null;
  customAttributes: JsonObject | null;
  additionalAttributes: JsonObject | null;
}

/** One event of an account. */
export interface AccountEventRecord {
  kind: AccountEventKindValue;
  accountId: string;
  displayId: number | null;
  message: AccountMessageData | null;
  conversation: AccountConversationData | null;
  contact: AccountContactData | null;
}

const KINDS: Record<string, { kind: AccountEventKindValue; payload: 'message' | 'conversation' | 'typing' | 'contact' }> = {
  'message.created': { kind: 'MESSAGE_CREATED', payload: 'message' },
  'message.updated': { kind: 'MESSAGE_UPDATED', payload: 'message' },
  'conversation.created': { kind: 'CONVERSATION_CREATED', payload: 'conversation' },
  'conversation.updated': { kind: 'CONVERSATION_UPDATED', payload: 'conversation' },
  'conversation.status_changed': { kind: 'CONVERSATION_STATUS_CHANGED', payload: 'conversation' },
  'conversation.read': { kind: 'CONVERSATION_READ', payload: 'conversation' },
  'assignee.changed': { kind: 'ASSIGNEE_CHANGED', payload: 'conversation' },
  'team.changed': { kind: 'TEAM_CHANGED', payload: 'conversation' },
  'conversation.typing_on': { kind: 'TYPING_ON', payload: 'typing' },
  'conversation.typing_off': { kind: 'TYPING_OFF', payload: 'typing' },
  'contact.created': { kind: 'CONTACT_CREATED', payload: 'contact' },
  'contact.updated': { kind: 'CONTACT_UPDATED', payload: 'contact' },
  'contact.merged': { kind: 'CONTACT_MERGED', payload: 'contact' },
  'contact.deleted': { kind: 'CONTACT_DELETED', payload: 'contact' },
};

const MESSAGE_TYPES = ['incoming', 'outgoing', 'activity', 'template'] as const;

/** The RESYNC event of an account. */
export function accountResync(accountId: number): AccountEventRecord {
  return { kind: 'RESYNC', accountId: String(accountId), displayId: null, message: null, conversation: null, contact: null };
}

/**
 * Maps one event for the agent subscribed to `accountId`, or a drop reason. A user's personal stream carries events
 * of every account they belong to, so anything not of this account is dropped (as Chatwoot's own apps do).
 */
export function toAccountEvent(event: CableEvent, accountId: number): AccountEventRecord | DropReason {
  const known = KINDS[event.event];
  if (!known) return 'unknown_event';
  const { data } = event;
  if (numberOrNull(data.account_id) !== accountId) return 'other_account';
  const base = { kind: known.kind, accountId: String(accountId), message: null, conversation: null, contact: null };
  switch (known.payload) {
    case 'message': {
      const message = messageData(data);
      return message ? { ...base, displayId: message.conversationDisplayId, message } : 'malformed';
    }
    case 'conversation': {
      const conversation = conversationData(data);
      return conversation ? { ...base, displayId: conversation.displayId, conversation } : 'malformed';
    }
    case 'typing': {
      const conversation = conversationData(objectOrNull(data.conversation) ?? {});
      return conversation ? { ...base, displayId: conversation.displayId, conversation } : 'malformed';
    }
    case 'contact': {
      const contact = contactData(data);
      return contact ? { ...base, displayId: null, contact } : 'malformed';
    }
  }
}

function messageData(raw: JsonObject): AccountMessageData | null {
  const id = stringOrNull(raw.id);
  if (!id) return null;
  const type = numberOrNull(raw.message_type);
  const sender = objectOrNull(raw.sender);
  const attachments = Array.isArray(raw.attachments) ? raw.attachments.map(objectOrNull).filter((a): a is JsonObject => a !== null) : [];
  return {
    id,
    content: stringOrNull(raw.content),
    messageType: type !== null ? (MESSAGE_TYPES[type] ?? null) : null,
    private: raw.private === true,
    status: stringOrNull(raw.status),
    contentType: stringOrNull(raw.content_type),
    contentAttributes: objectOrNull(raw.content_attributes),
    createdAt: unixToIso(raw.created_at),
    conversationDisplayId: numberOrNull(raw.conversation_id),
    inboxId: numberOrNull(raw.inbox_id),
    senderType: stringOrNull(raw.sender_type) ?? stringOrNull(sender?.type),
    senderId: stringOrNull(raw.sender_id) ?? stringOrNull(sender?.id),
    senderName: stringOrNull(sender?.available_name) ?? stringOrNull(sender?.name),
    echoId: stringOrNull(raw.echo_id),
    attachments: attachments.map((a) => ({
      id: stringOrNull(a.id),
      fileType: stringOrNull(a.file_type),
      dataUrl: stringOrNull(a.data_url),
      thumbUrl: stringOrNull(a.thumb_url),
      fileSize: numberOrNull(a.file_size),
    })),
  };
}

function conversationData(raw: JsonObject): AccountConversationData | null {
  const displayId = numberOrNull(raw.id);
  if (displayId === null) return null;
  const meta = objectOrNull(raw.meta);
  return {
    displayId,
    inboxId: numberOrNull(raw.inbox_id),
    status: stringOrNull(raw.status),
    priority: stringOrNull(raw.priority),
    unreadCount: numberOrNull(raw.unread_count),
    labels: Array.isArray(raw.labels) ? raw.labels.filter((l): l is string => typeof l === 'string') : [],
    assigneeId: stringOrNull(objectOrNull(meta?.assignee)?.id),
    teamId: stringOrNull(objectOrNull(meta?.team)?.id),
    contactId: stringOrNull(objectOrNull(meta?.sender)?.id),
    customAttributes: objectOrNull(raw.custom_attributes),
    snoozedUntil: unixToIso(raw.snoozed_until),
    waitingSince: unixToIso(raw.waiting_since),
    firstReplyCreatedAt: unixToIso(raw.first_reply_created_at),
    lastActivityAt: unixToIso(raw.last_activity_at),
    createdAt: unixToIso(raw.created_at),
  };
}

function contactData(raw: JsonObject): AccountContactData | null {
  const id = stringOrNull(raw.id);
  if (!id) return null;
  return {
    id,
    name: stringOrNull(raw.name),
    email: stringOrNull(raw.email),
    phoneNumber: stringOrNull(raw.phone_number),
    identifier: stringOrNull(raw.identifier),
    thumbnail: stringOrNull(raw.thumbnail),
    blocked: booleanOrNull(raw.blocked),
    customAttributes: objectOrNull(raw.custom_attributes),
    additionalAttributes: objectOrNull(raw.additional_attributes),
  };
}

import { idOrNull } from '../chatwoot/decode';
import { type AccountContactRecord, toAccountContact } from '../chatwoot/operations/application/contacts';
import {
  type AccountConversationRecord,
  type AccountMessageRecord,
  toAccountConversation,
  toAccountMessage,
} from '../chatwoot/operations/application/conversationRecords';
import { numberOrNull, objectOrNull } from '../chatwoot/records';
import type { JsonObject } from '../chatwoot/types';
import type { CableEvent } from './actionCable';
import type { DropReason } from './contactEvents';

/**
 * The agent side: events of an agent's stream (personal token plus `account_<id>`) mapped to the Application API's
 * records, so that an event's message, conversation and contact are the graph's AccountMessage, AccountConversation
 * and AccountContact.
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

/** One event of an account. */
export interface AccountEventRecord {
  kind: AccountEventKindValue;
  accountId: string;
  displayId: number | null;
  message: AccountMessageRecord | null;
  conversation: AccountConversationRecord | null;
  contact: AccountContactRecord | null;
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
      const message = messageData(data, String(accountId));
      return message ? { ...base, displayId: message.conversationDisplayId, message } : 'malformed';
    }
    case 'conversation': {
      const conversation = conversationData(data, String(accountId));
      return conversation ? { ...base, displayId: conversation.displayId, conversation } : 'malformed';
    }
    case 'typing': {
      const conversation = conversationData(objectOrNull(data.conversation) ?? {}, String(accountId));
      return conversation ? { ...base, displayId: conversation.displayId, conversation } : 'malformed';
    }
    case 'contact': {
      const contact = contactData(data, String(accountId));
      return contact ? { ...base, displayId: null, contact } : 'malformed';
    }
  }
}

/**
 * The payloads are the Application API's own partials, so they are read by its mappers: the same records, the same
 * fields, and nothing else (a conversation's `contact_inbox`, which carries the contact's permanent pubsub token, is
 * not among the fields they read).
 */
function messageData(raw: JsonObject, accountId: string): AccountMessageRecord | null {
  return idOrNull(raw.id) ? toAccountMessage(raw, accountId) : null;
}

function conversationData(raw: JsonObject, accountId: string): AccountConversationRecord | null {
  return numberOrNull(raw.id) !== null ? toAccountConversation(raw, accountId) : null;
}

function contactData(raw: JsonObject, accountId: string): AccountContactRecord | null {
  return idOrNull(raw.id) ? toAccountContact(raw, accountId) : null;
}
